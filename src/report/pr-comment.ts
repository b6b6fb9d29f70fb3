/**
 * The pull-request comment: compact GitHub markdown that a workflow posts once and then updates in
 * place, found again by its hidden marker. A one-line verdict first, then regressions, improvements,
 * targets, references and errors; everything unchanged is folded in <details>.
 */
import type { BenchComparison } from '../compare/compare-runs.js';
import type { GateReport } from '../compare/gate.js';
import { formatRatioCI, formatValue, plural } from '../result/text.js';
import { codeSpan, escapeText, table } from './markdown.js';
import { attemptText, centre, change, label, outcomeText, policyLine, pText, removedLine, verdictText } from './verdict.js';

/** GitHub refuses comments over 65,536 characters; the folded table is cut to stay under this. */
export const COMMENT_LIMIT = 60_000;

/** Options of {@link renderPrComment}. */
export interface PrCommentOptions {
  /** Keeps several sticky comments on one pull request apart (`--comment-id gpu`). */
  commentId?: string;
  /** Where the full report is (named under the folded table when rows had to be left out). */
  fullReport?: string;
}

/** The hidden marker a workflow searches for: `<!-- cyclebench:pr-comment -->` or `<!-- cyclebench:pr-comment:ID -->`. */
export function prCommentMarker(commentId?: string): string {
  if (commentId !== undefined && !/^[A-Za-z0-9._-]{1,64}$/.test(commentId))
    throw new RangeError(`comment id ${JSON.stringify(commentId)}: use 1-64 letters, digits, '.', '_' or '-'`);
  return `<!-- cyclebench:pr-comment${commentId ? `:${commentId}` : ''} -->`;
}

type Kind = 'regression' | 'improvement' | 'unchanged' | 'inconclusive' | 'added' | 'removed' | 'errored';

function kindOf(b: BenchComparison): Kind {
  if (b.status === 'added') return 'added';
  if (b.status === 'removed') return 'removed';
  if (b.status === 'error') return 'errored';
  if (b.regression) return 'regression';
  if (b.improvement) return 'improvement';
  return b.verdict === 'same' ? 'unchanged' : 'inconclusive';
}

/** "2 regressions, 1 improvement, 14 unchanged", then whatever else happened. */
export function verdictLine(r: GateReport): string {
  const counts = new Map<Kind, number>();
  for (const b of r.comparison?.benchmarks ?? []) counts.set(kindOf(b), (counts.get(kindOf(b)) ?? 0) + 1);
  const n = (k: Kind) => counts.get(k) ?? 0;
  const parts: string[] = [];
  if (r.comparison) {
    parts.push(plural(n('regression'), 'regression'), plural(n('improvement'), 'improvement'), `${n('unchanged')} unchanged`);
    if (n('inconclusive')) parts.push(`${n('inconclusive')} inconclusive`);
    if (n('added')) parts.push(`${n('added')} added`);
    if (n('removed')) parts.push(`${n('removed')} removed`);
  } else parts.push('no base to compare with');
  const errored = new Set([...r.errored.map((e) => e.id), ...(r.comparison?.errored ?? [])]).size;
  if (errored) parts.push(`${errored} errored`);
  const missed = r.targets.filter((t) => !t.pass).length;
  if (r.targets.length)
    parts.push(missed ? `${missed} of ${plural(r.targets.length, 'target')} missed` : `${plural(r.targets.length, 'target')} met`);
  const lost = r.references.filter((x) => !x.pass).length;
  if (r.references.length)
    parts.push(lost ? `${lost} of ${plural(r.references.length, 'reference')} lost` : `${plural(r.references.length, 'reference')} held`);
  if (r.historyRegressions.length) parts.push(`${r.historyRegressions.length} in history`);
  return parts.join(', ');
}

const changeCells = (b: BenchComparison) => [
  codeSpan(b.id),
  ...[centre(b, 'base'), centre(b, 'current'), change(b), b.ci && b.method !== 'exact' ? formatRatioCI(b.ci) : '', pText(b)].map(
    escapeText,
  ),
];
const CHANGE_HEADER = ['benchmark', 'base', 'current', 'change', 'CI', 'p'];

/** Renders the comment. */
export function renderPrComment(r: GateReport, o: PrCommentOptions = {}): string {
  const out: string[] = [prCommentMarker(o.commentId), `### ${r.exitCode === 0 ? '✅' : '❌'} cyclebench: ${verdictLine(r)}`, ''];
  const cmp = r.comparison;
  const bits = cmp
    ? [`${codeSpan(label(cmp.base))} → ${codeSpan(label(cmp.current))}`, escapeText(policyLine(r))]
    : [codeSpan(label(r.run))];
  out.push(`<sub>${[...bits, `${escapeText(outcomeText(r))} (exit ${r.exitCode})`].join(' · ')}</sub>`, '');
  if (r.environmentWarnings.length)
    out.push(
      '> [!WARNING]',
      '> **Environment mismatch: these runs are not directly comparable.**',
      ...r.environmentWarnings.map((w) => `> - ${escapeText(w)}`),
      '',
    );
  const rows = cmp?.benchmarks ?? [];
  const regressions = rows.filter((b) => kindOf(b) === 'regression');
  if (regressions.length) {
    const confirmed = (b: BenchComparison) => (b.confirmation ? [`${b.confirmation.reproduced}/${b.confirmation.runs} re-runs`] : []);
    const header = r.confirmation ? [...CHANGE_HEADER, 'confirmed'] : CHANGE_HEADER;
    out.push(
      `**Regressions (${regressions.length})**`,
      '',
      ...table(
        header,
        regressions.map((b) => [...changeCells(b), ...confirmed(b)]),
        [1, 2, 3],
      ),
      '',
    );
    out.push('Look closer:', ...r.regressions.map((g) => `- ${codeSpan(g.hint)}`), '');
  }
  const improvements = rows.filter((b) => kindOf(b) === 'improvement');
  if (improvements.length)
    out.push(`**Improvements (${improvements.length})**`, '', ...table(CHANGE_HEADER, improvements.map(changeCells), [1, 2, 3]), '');
  if (r.historyRegressions.length)
    out.push('**Regressions in the history**', '', ...r.historyRegressions.map((g) => `- ${escapeText(g.message)}`), '');
  const removed = removedLine(r);
  if (removed) out.push(escapeText(removed), '');
  if (r.targets.length) {
    const t = r.targets.map((x) => [
      codeSpan(x.id),
      escapeText(x.target),
      escapeText(formatValue(x.value, x.unit, x.reason ?? 'n/a')),
      x.pass ? '✅ PASS' : '❌ FAIL',
      escapeText(x.marginText),
    ]);
    out.push('**Targets**', '', ...table(['benchmark', 'target', 'value', 'result', 'margin'], t, [2]), '');
  }
  if (r.references.length)
    out.push('**References**', '', ...r.references.map((x) => `- ${x.pass ? '✅' : '❌'} ${escapeText(x.message)}`), '');
  if (r.errored.length)
    out.push(`**Errored (${r.errored.length})**`, '', ...r.errored.map((e) => `- ${codeSpan(e.id)}: ${escapeText(e.message)}`), '');
  const c = r.confirmation;
  if (c) {
    out.push(
      `**Confirmation**: ${plural(Object.keys(c.attempts).length, 'suspect')} re-run in fresh processes (up to ${plural(c.runs, 're-run')}, rule "${c.rule}"); confirmed ${c.confirmed.map(codeSpan).join(', ') || 'none'}, dismissed ${c.dismissed.map(codeSpan).join(', ') || 'none'}${c.unclear?.length ? `; re-run because unclear: ${c.unclear.map(codeSpan).join(', ')}` : ''}.`,
    );
    for (const [id, attempts] of Object.entries(c.attempts))
      if (attempts.length) out.push(`- ${codeSpan(id)}: ${escapeText(attempts.map(attemptText).join('; '))}`);
    out.push('');
  }
  if (cmp?.summaryOnly.length)
    out.push(
      `_Summary-only (no raw samples) for ${plural(cmp.summaryOnly.length, 'benchmark')}: ratio of medians, verdict from whether the medians' CIs overlap._`,
      '',
    );
  const rest = rows.filter((b) => !['regression', 'improvement'].includes(kindOf(b)));
  if (rest.length) out.push(...folded(rest, out.join('\n').length, o.fullReport));
  return `${out.join('\n').trimEnd()}\n`;
}

/** The folded table of everything else, cut to stay under {@link COMMENT_LIMIT}. */
function folded(rows: BenchComparison[], used: number, fullReport = 'the comparison report'): string[] {
  const summary = [...new Set(rows.map(kindOf))].map((k) => `${rows.filter((b) => kindOf(b) === k).length} ${k}`).join(', ');
  const head = ['<details>', `<summary>${summary}</summary>`, ''];
  const lines = table(
    [...CHANGE_HEADER, 'verdict'],
    rows.map((b) => [...changeCells(b), escapeText(verdictText(b))]),
    [1, 2, 3],
  );
  let size = used + head.join('\n').length + 200;
  let kept = 2; // header and delimiter rows
  while (kept < lines.length && size + lines[kept].length + 1 < COMMENT_LIMIT) size += lines[kept++].length + 1;
  const cut = lines.length - kept;
  return [
    ...head,
    ...lines.slice(0, kept),
    ...(cut ? ['', `_${plural(cut, 'more row')} left out to fit a comment: see ${escapeText(fullReport)}._`] : []),
    '',
    '</details>',
  ];
}
