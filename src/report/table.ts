/** Aligned plain-text tables (colour applied after padding) and GitHub-flavoured markdown tables. */

/** A cell: its text, and an optional style applied after alignment. */
export type Cell = string | { text: string; style?: (s: string) => string };

const text = (c: Cell) => (typeof c === 'string' ? c : c.text);
const width = (s: string) => [...s].length;

/** Renders rows as aligned columns; `right` lists the columns aligned right (numbers). */
export function consoleTable(header: string[], rows: Cell[][], right: number[] = [], indent = ''): string {
  const all = [header, ...rows.map((r) => r.map(text))];
  const w = header.map((_, i) => Math.max(...all.map((r) => width(r[i] ?? ''))));
  const line = (cells: Cell[]) =>
    indent +
    cells
      .map((c, i) => {
        const t = text(c);
        const pad = ' '.repeat(Math.max(0, w[i] - width(t)));
        const padded = right.includes(i) ? pad + t : i === cells.length - 1 ? t : t + pad;
        const style = typeof c === 'string' ? undefined : c.style;
        return style ? (right.includes(i) ? pad + style(t) : style(t) + (i === cells.length - 1 ? '' : pad)) : padded;
      })
      .join('  ')
      .trimEnd();
  return [line(header), indent + w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

/** Escapes a markdown table cell. */
export function mdEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** Renders a GitHub-flavoured markdown table. */
export function markdownTable(header: string[], rows: string[][], right: number[] = []): string {
  const sep = header.map((_, i) => (right.includes(i) ? '---:' : '---'));
  return [header, sep, ...rows].map((r, k) => `| ${r.map((c) => (k === 1 ? c : mdEscape(c))).join(' | ')} |`).join('\n');
}

/** Quotes a CSV field when needed (RFC 4180). */
export function csvField(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
