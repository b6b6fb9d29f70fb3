/**
 * A shields.io endpoint badge (https://shields.io/badges/endpoint-badge): `{ schemaVersion: 1, label,
 * message, color }`, served from any URL and drawn by shields. Either the verdict, or one benchmark's
 * median (with its change against the base) coloured by that benchmark's verdict.
 */
import type { GateReport } from '../compare/gate.js';
import { EXIT } from '../compare/exit.js';
import type { RunResult } from '../result/types.js';
import { formatSignedPct, formatValue, plural } from '../result/text.js';

/** The endpoint JSON shields reads. */
export interface Badge {
  schemaVersion: 1;
  label: string;
  message: string;
  /** A shields colour name. */
  color: string;
}

const COLOR: Record<number, string> = {
  [EXIT.OK]: 'brightgreen',
  [EXIT.REGRESSION]: 'red',
  [EXIT.REFERENCE]: 'orange',
  [EXIT.TARGET]: 'red',
  [EXIT.BENCH_ERROR]: 'red',
};

function verdictMessage(r: GateReport): string {
  switch (r.exitCode) {
    case EXIT.REGRESSION: {
      const n = r.regressions.length + r.historyRegressions.length;
      return n ? plural(n, 'regression') : 'benchmarks removed';
    }
    case EXIT.REFERENCE:
      return 'reference lost';
    case EXIT.TARGET:
      return 'target missed';
    case EXIT.BENCH_ERROR:
      return 'benchmark errored';
    default:
      return r.comparison ? 'no regression' : 'passing';
  }
}

/** The verdict badge, or (with `bench`) that benchmark's figure. Throws RangeError when `bench` is not in `run`. */
export function renderBadge(r: GateReport, o: { run: RunResult; bench?: string; label?: string }): Badge {
  const verdictColor = COLOR[r.exitCode] ?? 'lightgrey';
  if (o.bench === undefined) return { schemaVersion: 1, label: o.label ?? 'cyclebench', message: verdictMessage(r), color: verdictColor };
  const b = o.run.benchmarks.find((x) => x.id === o.bench);
  if (!b) throw new RangeError(`--badge-bench ${JSON.stringify(o.bench)} is not a benchmark of this run`);
  const label = o.label ?? b.id;
  if (b.status !== 'ok' || !b.stats)
    return { schemaVersion: 1, label, message: b.status === 'skipped' ? 'skipped' : 'errored', color: 'lightgrey' };
  const row = r.comparison?.benchmarks.find((x) => x.id === b.id);
  const value = formatValue(b.stats.median, b.unit);
  if (!row || row.ratio === null) return { schemaVersion: 1, label, message: value, color: r.comparison ? 'lightgrey' : verdictColor };
  const color = row.regression ? 'red' : row.improvement ? 'brightgreen' : row.verdict === 'same' ? 'green' : 'yellow';
  return { schemaVersion: 1, label, message: `${value} (${formatSignedPct(row.ratio - 1)})`, color };
}
