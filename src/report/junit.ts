/**
 * JUnit XML, the test-report format CI systems read (GitLab, Jenkins, Azure, GitHub test reporters):
 * one test suite each for benchmarks, targets and references, one test case per item. A regression,
 * a removed benchmark, a missed target or a lost reference is a <failure>; an errored benchmark an
 * <error>; a skipped one <skipped message="reason">. Times in seconds.
 *
 * Written with xmlbuilder2, which escapes markup and replaces characters XML 1.0 cannot hold (control
 * characters, lone surrogates); here each becomes a visible \uXXXX. junit-report-builder was the other
 * candidate: it cannot give <skipped> a message and writes files itself.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { BenchComparison } from '../compare/compare-runs.js';
import type { GateReport } from '../compare/gate.js';
import type { BenchResult, RunResult } from '../result/types.js';
import { formatValue } from '../result/text.js';
import { label, policyLine, verdictText } from './verdict.js';

interface Case {
  name: string;
  /** Seconds. */
  time: number;
  outcome?: { tag: 'failure' | 'error' | 'skipped'; message: string; type?: string; text?: string };
  out?: string;
}

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
const clean = (s: string) => s.replace(ANSI, '');
const secs = (ms: number) => (Number.isFinite(ms) && ms > 0 ? ms / 1000 : 0);

function benchCase(b: BenchResult | undefined, row: BenchComparison | undefined, r: GateReport): Case {
  const id = (b?.id ?? row?.id)!;
  const c: Case = { name: id, time: secs(b?.wallMs ?? 0) };
  const parts: string[] = [];
  if (b?.stats) parts.push(`median ${formatValue(b.stats.median, b.unit)}`);
  if (row) parts.push(`vs base: ${verdictText(row)}${row.message ? `; ${row.message}` : ''}`);
  if (parts.length) c.out = parts.join('\n');
  const rerunError = r.confirmation?.errored.find((e) => e.id === id);
  const regression = r.regressions.find((g) => g.id === id) ?? r.historyRegressions.find((g) => g.id === id);
  if (b?.status === 'error')
    c.outcome = {
      tag: 'error',
      message: b.error ? `${b.error.name}: ${b.error.message}` : 'errored',
      type: b.error?.name ?? 'Error',
      text: b.error?.stack,
    };
  else if (rerunError) c.outcome = { tag: 'error', message: rerunError.message, type: 'ConfirmationError' };
  else if (b?.status === 'skipped') c.outcome = { tag: 'skipped', message: b.skipReason ?? 'skipped' };
  else if (regression)
    c.outcome = {
      tag: 'failure',
      message: regression.message,
      type: r.regressions.includes(regression) ? 'regression' : 'history-regression',
      text: `look closer: ${regression.hint}`,
    };
  else if (row?.status === 'removed')
    c.outcome = r.removed.allowed
      ? { tag: 'skipped', message: 'in the base, not measured now (removed; accepted by allowRemoved)' }
      : {
          tag: 'failure',
          message: `${id}: in the base, not measured now (pass --allow-removed or set allowRemoved to accept it)`,
          type: 'removed',
        };
  return c;
}

function suite(root: XMLBuilder, name: string, cases: Case[], properties: Record<string, string> = {}): void {
  const count = (tag: string) => String(cases.filter((c) => c.outcome?.tag === tag).length);
  const s = root.ele('testsuite', {
    name,
    tests: String(cases.length),
    failures: count('failure'),
    errors: count('error'),
    skipped: count('skipped'),
    time: cases.reduce((t, c) => t + c.time, 0).toFixed(3),
  });
  const props = Object.entries(properties);
  if (props.length) {
    const p = s.ele('properties');
    for (const [k, v] of props) p.ele('property', { name: k, value: clean(v) });
  }
  for (const c of cases) {
    const tc = s.ele('testcase', { classname: `cyclebench.${name}`, name: clean(c.name), time: c.time.toFixed(3) });
    if (c.outcome) {
      const o = tc.ele(c.outcome.tag, { message: clean(c.outcome.message), ...(c.outcome.type ? { type: c.outcome.type } : {}) });
      if (c.outcome.text) o.txt(clean(c.outcome.text));
    }
    if (c.out) tc.ele('system-out').txt(clean(c.out));
  }
}

/** Renders the run and its verdict as JUnit XML. */
export function renderJunit(r: GateReport, run: RunResult): string {
  const doc = create({
    version: '1.0',
    encoding: 'UTF-8',
    invalidCharReplacement: (ch: string) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`,
  });
  const cmp = r.comparison;
  const rows = new Map((cmp?.benchmarks ?? []).map((b) => [b.id, b]));
  const benches = [
    ...run.benchmarks.map((b) => benchCase(b, rows.get(b.id), r)),
    ...(cmp?.benchmarks ?? []).filter((b) => b.status === 'removed').map((b) => benchCase(undefined, b, r)),
  ];
  const targets: Case[] = r.targets.map((t) => ({
    name: `${t.id}: ${t.target}`,
    time: 0,
    out: `value ${formatValue(t.value, t.unit, t.reason ?? 'n/a')}, ${t.marginText}`,
    ...(t.pass
      ? {}
      : {
          outcome: {
            tag: 'failure' as const,
            type: 'target',
            message: `${t.id}: ${t.target} missed: ${formatValue(t.value, t.unit, t.reason ?? 'n/a')}, ${t.marginText}`,
          },
        }),
  }));
  const references: Case[] = r.references.map((x) => ({
    name: `${x.bench} vs ${x.against}`,
    time: 0,
    out: x.message,
    ...(x.pass ? {} : { outcome: { tag: 'failure' as const, type: 'reference', message: x.message } }),
  }));
  const all = [...benches, ...targets, ...references];
  const root = doc.ele('testsuites', {
    name: 'cyclebench',
    tests: String(all.length),
    failures: String(all.filter((c) => c.outcome?.tag === 'failure').length),
    errors: String(all.filter((c) => c.outcome?.tag === 'error').length),
    skipped: String(all.filter((c) => c.outcome?.tag === 'skipped').length),
    time: all.reduce((t, c) => t + c.time, 0).toFixed(3),
  });
  const props: Record<string, string> = { run: label(r.run), exitCode: String(r.exitCode) };
  if (cmp) Object.assign(props, { base: label(cmp.base), policy: policyLine(r) });
  if (run.tool.importedFrom) props.importedFrom = `${run.tool.importedFrom.tool}: ${run.tool.importedFrom.file}`;
  suite(root, 'benchmarks', benches, props);
  if (targets.length) suite(root, 'targets', targets);
  if (references.length) suite(root, 'references', references);
  return doc.end({ prettyPrint: true }) + '\n';
}
