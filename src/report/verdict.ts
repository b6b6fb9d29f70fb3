/** Renders a {@link GateReport}: console (aligned, optional colour), GitHub markdown, JSON. */
import type { BenchComparison, RunLabel } from '../compare/compare-runs.js';
import type { GateReport } from '../compare/gate.js';
import { EXIT } from '../compare/exit.js';
import { formatP, formatRatioCI, formatSignedPct, formatValue, na } from '../result/text.js';
import { paint, type Paint } from './io.js';
import { consoleTable, markdownTable, type Cell } from './table.js';

const OUTCOME_TEXT: Record<number, string> = {
  [EXIT.OK]: 'OK: no regression',
  [EXIT.REGRESSION]: 'REGRESSION',
  [EXIT.REFERENCE]: 'REFERENCE REGRESSION',
  [EXIT.TARGET]: 'TARGET MISSED',
  [EXIT.USAGE]: 'USAGE ERROR',
  [EXIT.BENCH_ERROR]: 'BENCHMARK ERRORED',
};

function label(l: RunLabel): string {
  const bits = [l.label];
  if (l.commit) bits.push(`${l.commit.slice(0, 10)}${l.dirty ? '+dirty' : ''}`);
  bits.push(l.startedAt);
  return bits.join(', ');
}

function centre(row: BenchComparison, which: 'base' | 'current'): string {
  const s = row[which];
  if (!s) return which === 'base' ? '(added)' : '(removed)';
  return formatValue(s.median, row.unit, row.status === 'error' ? 'errored' : 'no median');
}

function change(row: BenchComparison): string {
  if (row.ratio === null) return na(row.reason ?? 'not compared');
  return formatSignedPct(row.ratio - 1);
}

function pText(row: BenchComparison): string {
  if (row.method === 'summary-only') return na('summary-only');
  if (row.method === 'none') return '';
  return formatP(row.adjustedP ?? row.pValue);
}

function verdictText(row: BenchComparison): string {
  if (row.status === 'added') return 'added';
  if (row.status === 'removed') return 'removed';
  if (row.status === 'error') return 'error';
  if (!row.verdict) return na(row.reason ?? 'not compared');
  let v = row.regression ? 'REGRESSION' : row.verdict;
  if (row.method === 'summary-only') v += ' (summary-only)';
  if (row.confirmation && !row.confirmation.confirmed) v += ` (not confirmed ${row.confirmation.reproduced}/${row.confirmation.runs})`;
  return v;
}

function policyLine(r: GateReport): string {
  const p = r.comparison!.policy;
  const corr = p.correction === 'holm' ? 'Holm-corrected' : p.correction === 'bh' ? 'Benjamini-Hochberg-corrected' : 'uncorrected';
  return `alpha ${p.alpha} (${corr} across ${r.comparison!.benchmarks.filter((b) => b.method === 'samples').length} tests), noise band ±${(p.noise * 100).toFixed(1)}%`;
}

/** Console rendering. */
export function renderVerdictConsole(r: GateReport, options: { color?: boolean } = {}): string {
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
      const style = b.regression ? c.red : b.verdict === 'faster' ? c.green : b.status !== 'compared' || b.verdict === 'inconclusive' ? c.yellow : undefined;
      return [b.id, centre(b, 'base'), centre(b, 'current'), change(b), b.ci ? formatRatioCI(b.ci) : '', pText(b), { text: v, style }];
    });
    out.push(consoleTable(['benchmark', 'base', 'current', 'change', 'CI', 'p', 'verdict'], rows, [1, 2, 3, 5]));
    if (cmp.added.length) out.push('', `Added (only in current): ${cmp.added.join(', ')}`);
    if (cmp.removed.length) out.push('', `Removed (only in base): ${cmp.removed.join(', ')}`);
    if (cmp.summaryOnly.length) {
      out.push('', c.yellow(`Summary-only comparison (raw samples missing) for: ${cmp.summaryOnly.join(', ')}; ratio of medians, verdict from whether the medians' CIs overlap.`));
    }
    const diffs = cmp.environment.differences.filter((d) => d.severity === 'note');
    if (diffs.length) out.push('', c.dim(`Environment notes: ${diffs.map((d) => `${d.field} ${d.base} -> ${d.current}`).join('; ')}`));
  }
  if (r.targets.length) {
    out.push('', c.bold('Targets'));
    out.push(
      consoleTable(
        ['benchmark', 'target', 'value', 'result', 'margin'],
        r.targets.map((t) => [
          t.id, t.target, formatValue(t.value, t.unit, t.reason ?? 'n/a'),
          { text: t.pass ? 'PASS' : 'FAIL', style: t.pass ? c.green : c.red }, t.marginText,
        ]),
        [2],
      ),
    );
  }
  if (r.references.length) {
    out.push('', c.bold('References'));
    for (const ref of r.references) out.push(`  ${ref.pass ? c.green('PASS') : c.red('FAIL')}  ${ref.message}${ref.ci ? ` (CI ${formatRatioCI(ref.ci)})` : ''}`);
  }
  if (r.errored.length) {
    out.push('', c.red(c.bold(`Errored (${r.errored.length})`)));
    for (const e of r.errored) out.push(c.red(`  ${e.id}: ${e.message}`));
  }
  if (r.regressions.length) {
    out.push('', c.red(c.bold(`Regressions (${r.regressions.length})`)));
    for (const g of r.regressions) out.push(c.red(`  ${g.message}`), `    look closer: ${g.hint}`);
  }
  if (r.confirmation) {
    out.push('', `Confirmation: ${r.confirmation.runs} re-run(s), rule "${r.confirmation.rule}"; confirmed: ${r.confirmation.confirmed.join(', ') || 'none'}; dismissed: ${r.confirmation.dismissed.join(', ') || 'none'}`);
  }
  for (const n of r.notes) out.push(c.dim(n));
  const text = `Result: ${OUTCOME_TEXT[r.exitCode]} (exit ${r.exitCode})`;
  out.push('', r.exitCode === 0 ? c.green(c.bold(text)) : c.red(c.bold(text)));
  return `${out.join('\n')}\n`;
}

/** GitHub-flavoured markdown (a step summary or a PR comment). */
export function renderVerdictMarkdown(r: GateReport): string {
  const out: string[] = ['## cyclebench', ''];
  const icon = r.exitCode === 0 ? '✅' : '❌';
  out.push(`**${icon} ${OUTCOME_TEXT[r.exitCode]}** (exit ${r.exitCode})`, '');
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
          `\`${b.id}\``, centre(b, 'base'), centre(b, 'current'), change(b), b.ci ? formatRatioCI(b.ci) : '', pText(b),
          b.regression ? `🔴 **${verdictText(b)}**` : b.verdict === 'faster' ? `🟢 ${verdictText(b)}` : verdictText(b),
        ]),
        [1, 2, 3, 5],
      ),
    );
    if (cmp.added.length) out.push('', `Added: ${cmp.added.map((x) => `\`${x}\``).join(', ')}`);
    if (cmp.removed.length) out.push('', `Removed: ${cmp.removed.map((x) => `\`${x}\``).join(', ')}`);
    if (cmp.summaryOnly.length) out.push('', `_Summary-only comparison (raw samples missing) for ${cmp.summaryOnly.map((x) => `\`${x}\``).join(', ')}: ratio of medians; verdict from overlap of the medians' CIs._`);
  }
  if (r.targets.length) {
    out.push('', '### Targets', '');
    out.push(markdownTable(['benchmark', 'target', 'value', 'result', 'margin'], r.targets.map((t) => [`\`${t.id}\``, t.target, formatValue(t.value, t.unit, t.reason ?? 'n/a'), t.pass ? '✅ PASS' : '❌ FAIL', t.marginText]), [2]));
  }
  if (r.references.length) {
    out.push('', '### References', '');
    for (const ref of r.references) out.push(`- ${ref.pass ? '✅' : '❌'} ${ref.message}`);
  }
  if (r.errored.length) {
    out.push('', '### Errored', '');
    for (const e of r.errored) out.push(`- \`${e.id}\`: ${e.message}`);
  }
  if (r.regressions.length) {
    out.push('', '### Regressions', '');
    for (const g of r.regressions) out.push(`- ${g.message}  `, `  look closer: \`${g.hint}\``);
  }
  if (r.confirmation) out.push('', `Confirmation: ${r.confirmation.runs} re-run(s) (rule: ${r.confirmation.rule}); confirmed: ${r.confirmation.confirmed.join(', ') || 'none'}; dismissed: ${r.confirmation.dismissed.join(', ') || 'none'}.`);
  return `${out.join('\n')}\n`;
}

/** JSON for machines: the report itself, with non-finite numbers as null. */
export function renderVerdictJson(r: GateReport): string {
  return `${JSON.stringify(r, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2)}\n`;
}
