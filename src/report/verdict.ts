/** Renders a {@link GateReport}: console (aligned, optional colour), GitHub markdown, JSON. */
import type { BenchComparison, RunLabel } from '../compare/compare-runs.js';
import type { ConfirmationAttempt } from '../compare/confirm.js';
import type { GateReport } from '../compare/gate.js';
import { EXIT } from '../compare/exit.js';
import { describeRatio, formatPEquals, formatRatioCI, formatSignedPct, formatValue, na, plural } from '../result/text.js';
import { paint, type Paint } from './io.js';
import { consoleTable, markdownTable, type Cell } from './table.js';
import { resourceChangeLines, timeVerdictWord } from './resource-changes.js';

const OUTCOME_TEXT: Record<number, string> = {
  [EXIT.OK]: 'OK',
  [EXIT.REGRESSION]: 'REGRESSION',
  [EXIT.REFERENCE]: 'REFERENCE REGRESSION',
  [EXIT.TARGET]: 'TARGET MISSED',
  [EXIT.USAGE]: 'USAGE ERROR',
  [EXIT.BENCH_ERROR]: 'BENCHMARK ERRORED',
  [EXIT.INTERNAL]: 'INTERNAL ERROR',
};

/** Options of the renderers. */
export interface VerdictRenderOptions {
  color?: boolean;
  /** The run's table, with its errors, was shown just above: do not list errored benchmarks again. */
  errorsShown?: boolean;
}

/** The one-line outcome: "OK: no regression" only when something was compared. */
export function outcomeText(r: GateReport): string {
  if (r.exitCode !== EXIT.OK) return OUTCOME_TEXT[r.exitCode];
  if (r.comparison) return 'OK: no regression';
  const checked = [
    r.targets.length && plural(r.targets.length, 'target'),
    r.references.length && plural(r.references.length, 'reference'),
  ].filter(Boolean);
  return checked.length ? `OK: ${checked.join(' and ')} met` : 'OK';
}

/** A run as named in reports: label, commit, start time. */
export function label(l: RunLabel): string {
  const bits = [l.label];
  if (l.commit) bits.push(`${l.commit.slice(0, 10)}${l.dirty ? '+dirty' : ''}`);
  bits.push(l.startedAt);
  return bits.join(', ');
}

/** One side's median in the row's unit, or why there is none. */
export function centre(row: BenchComparison, which: 'base' | 'current'): string {
  const s = row[which];
  if (!s) return which === 'base' ? '(added)' : '(removed)';
  return formatValue(s.median, s.unit ?? row.unit, row.status === 'error' ? 'errored' : 'no median');
}

/** The change as a signed percentage (a multiplier past 2x or 10x). */
export function change(row: BenchComparison): string {
  if (row.ratio === null) return na(row.reason ?? 'not compared');
  return row.ratio >= 2 || row.ratio <= 0.1 ? describeRatio(row.ratio) : formatSignedPct(row.ratio - 1);
}

/** The p-value cell: corrected p, `exact`, or n/a for summary-only. */
export function pText(row: BenchComparison): string {
  if (row.method === 'summary-only') return na('summary-only');
  if (row.method === 'exact') return 'exact';
  if (row.method === 'none') return '';
  return formatPEquals(row.adjustedP ?? row.pValue);
}

const band = (noise: number) => `±${(noise * 100).toFixed(1)}%`;

/** The verdict cell: REGRESSION, faster, same (inside the band), inconclusive, with confirmation. */
export function verdictText(row: BenchComparison): string {
  if (row.status === 'added') return 'added';
  if (row.status === 'removed') return 'removed';
  if (row.status === 'error') return 'error';
  if (!row.verdict) return na(row.reason ?? 'not compared');
  let v: string = timeVerdictWord(row);
  if (row.verdict === 'same') v += ` (inside the ${band(row.noise)} band)`;
  else if (row.verdict === 'inconclusive' && !row.confirmation) v += ` (CI crosses the ${band(row.noise)} band edge)`;
  if (row.method === 'summary-only') v += ' (summary-only)';
  if (row.confirmation)
    v += row.confirmation.confirmed
      ? `, confirmed ${row.confirmation.reproduced}/${row.confirmation.runs}`
      : ` (not confirmed: ${row.confirmation.reproduced}/${row.confirmation.runs} re-runs)`;
  return v;
}

/** "alpha 0.05 (Holm-corrected across 3 tests), noise band ±5.0%": the bands actually applied, per unit. */
export function policyLine(r: GateReport): string {
  const cmp = r.comparison!;
  const p = cmp.policy;
  const corr = p.correction === 'holm' ? 'Holm-corrected' : p.correction === 'bh' ? 'Benjamini-Hochberg-corrected' : 'uncorrected';
  const tests = cmp.benchmarks.filter((b) => b.pValue !== null && b.method !== 'exact').length;
  const bands = new Map<string, Set<number>>();
  for (const b of cmp.benchmarks) if (b.status === 'compared') bands.set(b.unit, (bands.get(b.unit) ?? new Set()).add(b.noise));
  const bandText = bands.size
    ? [...bands]
        .map(([unit, set]) => `${unit === 'instructions' ? 'instruction band' : 'noise band'} ${[...set].sort().map(band).join(' / ')}`)
        .join(', ')
    : `noise band ${band(p.noise)}`;
  return tests ? `alpha ${p.alpha} (${corr} across ${plural(tests, 'test')}), ${bandText}` : bandText;
}

/** One confirmation re-run: its change, CI, p and whether it reproduced. */
export function attemptText(a: ConfirmationAttempt): string {
  const ci = a.ci ? `, CI ${formatRatioCI(a.ci)}` : '';
  const p = a.pValue !== null ? `, ${formatPEquals(a.pValue)}` : '';
  const over = a.processes ? `, pooled over ${a.processes} processes` : '';
  return `re-run ${a.run}: ${a.ratio === null ? 'n/a' : formatSignedPct(a.ratio - 1)}${ci}${p}${over}, ${a.reproduced ? 'reproduced' : 'not reproduced'}`;
}

/** Confirmation lines: the rule, then what each re-run measured for each suspect. */
export function confirmationLines(r: GateReport): string[] {
  const c = r.confirmation;
  if (!c) return [];
  const lines = [
    `Confirmation in fresh processes: up to ${plural(c.runs, 're-run')} (rule "${c.rule}"); confirmed: ${c.confirmed.join(', ') || 'none'}; dismissed: ${c.dismissed.join(', ') || 'none'}${c.unclear?.length ? `; re-run because unclear: ${c.unclear.join(', ')}` : ''}`,
  ];
  for (const [id, attempts] of Object.entries(c.attempts))
    if (attempts.length) lines.push(`  ${id}: ${attempts.map(attemptText).join('; ')}`);
  for (const e of c.errored) lines.push(`  ${e.id}: ${e.message}`);
  return lines;
}

/** The removed-benchmarks line, or null when none were removed. */
export function removedLine(r: GateReport): string | null {
  if (!r.removed.ids.length) return null;
  const what = `Removed (in the base, not measured now): ${r.removed.ids.join(', ')}`;
  return r.removed.allowed
    ? `${what}; accepted (allowRemoved)`
    : `${what}; this fails the gate (exit 1): pass --allow-removed or set allowRemoved to accept it`;
}

/** Console rendering. */
export function renderVerdictConsole(r: GateReport, options: VerdictRenderOptions = {}): string {
  const c: Paint = paint(options.color ?? false);
  const out: string[] = [];
  if (r.environmentWarnings.length) {
    const bar = '!'.repeat(72);
    out.push(c.red(c.bold(bar)), c.red(c.bold('!! ENVIRONMENT MISMATCH: these runs are not directly comparable')));
    for (const w of r.environmentWarnings) out.push(c.red(`!!   ${w}`));
    out.push(c.red(c.bold(bar)), '');
  }
  const cmp = r.comparison;
  if (cmp) {
    out.push(`${c.bold('compare')}: ${label(cmp.base)}  ->  ${label(cmp.current)}`);
    out.push(c.dim(policyLine(r)));
    out.push('');
    const rows: Cell[][] = cmp.benchmarks.map((b) => {
      const v = verdictText(b);
      const style = b.regression
        ? c.red
        : b.verdict === 'faster'
          ? c.green
          : b.status !== 'compared' || b.verdict === 'inconclusive'
            ? c.yellow
            : undefined;
      return [
        b.id,
        centre(b, 'base'),
        centre(b, 'current'),
        change(b),
        b.ci && b.method !== 'exact' ? formatRatioCI(b.ci) : '',
        pText(b),
        { text: v, style },
      ];
    });
    out.push(consoleTable(['benchmark', 'base', 'current', 'change', 'CI', 'p', 'verdict'], rows, [1, 2, 3, 5]));
    if (cmp.added.length) out.push('', `Added (only in current): ${cmp.added.join(', ')}`);
    const removed = removedLine(r);
    if (removed) out.push('', r.removed.allowed ? removed : c.red(removed));
    if (cmp.summaryOnly.length) {
      out.push(
        '',
        c.yellow(
          `Summary-only comparison (raw samples missing) for: ${cmp.summaryOnly.join(', ')}; ratio of medians, verdict from whether the medians' CIs overlap.`,
        ),
      );
    }
    const diffs = cmp.environment.differences.filter((d) => d.severity === 'note');
    if (diffs.length) out.push('', c.dim(`Environment notes: ${diffs.map((d) => `${d.field} ${d.base} -> ${d.current}`).join('; ')}`));
  }
  const resources = resourceChangeLines(r);
  if (resources.length)
    out.push(
      '',
      c.bold(resources[0]),
      ...resources.slice(1).map((l) => (/regression$/.test(l) ? c.red(l) : /warning$/.test(l) ? c.yellow(l) : l)),
    );
  if (r.targets.length) {
    out.push('', c.bold('Targets'));
    out.push(
      consoleTable(
        ['benchmark', 'target', 'value', 'result', 'margin'],
        r.targets.map((t) => [
          t.id,
          t.target,
          formatValue(t.value, t.unit, t.reason ?? 'n/a'),
          { text: t.pass ? 'PASS' : 'FAIL', style: t.pass ? c.green : c.red },
          t.marginText,
        ]),
        [2],
      ),
    );
  }
  if (r.references.length) {
    out.push('', c.bold('References'));
    for (const ref of r.references)
      out.push(`  ${ref.pass ? c.green('PASS') : c.red('FAIL')}  ${ref.message}${ref.ci ? ` (CI ${formatRatioCI(ref.ci)})` : ''}`);
  }
  const errored = options.errorsShown ? (r.confirmation?.errored ?? []) : r.errored;
  if (errored.length) {
    out.push('', c.red(c.bold(`Errored (${errored.length})`)));
    for (const e of errored) out.push(c.red(`  ${e.id}: ${e.message}`));
  }
  const regressions = [...r.regressions, ...r.historyRegressions];
  if (regressions.length) {
    out.push('', c.red(c.bold(`Regressions (${regressions.length})`)));
    for (const g of regressions) out.push(c.red(`  ${g.message}`), `    look closer: ${g.hint}`);
  }
  const confirmation = confirmationLines(r);
  if (confirmation.length) out.push('', ...confirmation);
  for (const n of r.notes) out.push(c.dim(n));
  const text = `Result: ${outcomeText(r)} (exit ${r.exitCode})`;
  out.push('', r.exitCode === 0 ? c.green(c.bold(text)) : c.red(c.bold(text)));
  return `${out.join('\n')}\n`;
}

/** GitHub-flavoured markdown (a step summary or a PR comment). */
export function renderVerdictMarkdown(r: GateReport, options: VerdictRenderOptions = {}): string {
  const out: string[] = ['## cyclebench verdict', ''];
  const icon = r.exitCode === 0 ? '✅' : '❌';
  out.push(`**${icon} ${outcomeText(r)}** (exit ${r.exitCode})`, '');
  if (r.environmentWarnings.length) {
    out.push('> [!WARNING]', '> **Environment mismatch: these runs are not directly comparable.**');
    for (const w of r.environmentWarnings) out.push(`> - ${w}`);
    out.push('');
  }
  const cmp = r.comparison;
  if (cmp) {
    out.push(`Base: \`${label(cmp.base)}\` → current: \`${label(cmp.current)}\`  `, `${policyLine(r)}`, '');
    out.push(
      markdownTable(
        ['benchmark', 'base', 'current', 'change', 'CI', 'p', 'verdict'],
        cmp.benchmarks.map((b) => [
          `\`${b.id}\``,
          centre(b, 'base'),
          centre(b, 'current'),
          change(b),
          b.ci && b.method !== 'exact' ? formatRatioCI(b.ci) : '',
          pText(b),
          b.regression ? `🔴 **${verdictText(b)}**` : b.verdict === 'faster' ? `🟢 ${verdictText(b)}` : verdictText(b),
        ]),
        [1, 2, 3, 5],
      ),
    );
    if (cmp.added.length) out.push('', `Added: ${cmp.added.map((x) => `\`${x}\``).join(', ')}`);
    const removed = removedLine(r);
    if (removed) out.push('', removed);
    if (cmp.summaryOnly.length)
      out.push(
        '',
        `_Summary-only comparison (raw samples missing) for ${cmp.summaryOnly.map((x) => `\`${x}\``).join(', ')}: ratio of medians; verdict from overlap of the medians' CIs._`,
      );
  }
  const resources = resourceChangeLines(r);
  if (resources.length) out.push('', `### ${resources[0]}`, '', ...resources.slice(1).map((l) => `- ${l.trim()}`));
  if (r.targets.length) {
    out.push('', '### Targets', '');
    out.push(
      markdownTable(
        ['benchmark', 'target', 'value', 'result', 'margin'],
        r.targets.map((t) => [
          `\`${t.id}\``,
          t.target,
          formatValue(t.value, t.unit, t.reason ?? 'n/a'),
          t.pass ? '✅ PASS' : '❌ FAIL',
          t.marginText,
        ]),
        [2],
      ),
    );
  }
  if (r.references.length) {
    out.push('', '### References', '');
    for (const ref of r.references) out.push(`- ${ref.pass ? '✅' : '❌'} ${ref.message}`);
  }
  const errored = options.errorsShown ? (r.confirmation?.errored ?? []) : r.errored;
  if (errored.length) {
    out.push('', '### Errored', '');
    for (const e of errored) out.push(`- \`${e.id}\`: ${e.message}`);
  }
  const regressions = [...r.regressions, ...r.historyRegressions];
  if (regressions.length) {
    out.push('', '### Regressions', '');
    for (const g of regressions) out.push(`- ${g.message}  `, `  look closer: \`${g.hint}\``);
  }
  const confirmation = confirmationLines(r);
  if (confirmation.length) out.push('', confirmation[0], '', ...confirmation.slice(1).map((l) => `- ${l.trim()}`));
  return `${out.join('\n')}\n`;
}

/** JSON for machines: the report itself, with non-finite numbers as null. */
export function renderVerdictJson(r: GateReport): string {
  return `${JSON.stringify(r, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}
