/**
 * Escaping for GitHub-flavoured markdown written from names nobody checked (benchmark ids, reference
 * names, error messages): code spans that no backtick can close, text whose punctuation cannot start
 * emphasis, links or HTML, and table cells whose pipes do not split the row.
 */

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/** One line of text without terminal colour codes or other control characters (a benchmark's error message may hold both). */
export function oneLine(s: string): string {
  return s.replace(ANSI, '').replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

/** `s` as a code span: fenced with one backtick more than its longest run, so no backtick in it closes the span. */
export function codeSpan(s: string): string {
  const flat = oneLine(s);
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  // A span that starts or ends with a backtick needs a space inside the fence (CommonMark strips one).
  const pad = /^`|`$/.test(flat) || /^ .* $/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Plain text with markdown and HTML punctuation backslash-escaped (CommonMark allows it before any ASCII punctuation). */
export function escapeText(s: string): string {
  return oneLine(s).replace(/[\\`*_{}[\]<>#~&!]/g, '\\$&');
}

/** A GFM table of cells already in markdown; pipes are escaped here, inside code spans too (GFM splits rows before inline parsing). */
export function table(header: string[], rows: string[][], right: number[] = []): string[] {
  const cell = (c: string) => c.replace(/\|/g, '\\|');
  return [
    `| ${header.map(cell).join(' | ')} |`,
    `|${header.map((_, i) => (right.includes(i) ? ' ---: ' : ' --- ')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}
