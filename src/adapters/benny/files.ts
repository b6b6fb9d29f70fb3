/**
 * `save()`'s file contents: JSON and CSV with benny's fields, an HTML table, and an HTML bar chart
 * drawn as inline SVG (self-contained: it needs no script from the network).
 */
import type { CaseResultWithDiff, SaveOptions, Summary } from './types.js';

type Row = Record<string, string | number | boolean>;

function rows(summary: Summary, details: boolean): Row[] {
  return summary.results.map((r: CaseResultWithDiff): Row =>
    details
      ? {
          name: r.name,
          ops: r.ops,
          margin: r.margin,
          percentSlower: r.percentSlower,
          samples: r.samples,
          promise: r.promise,
          min: r.details.min,
          max: r.details.max,
          mean: r.details.mean,
          median: r.details.median,
          standardDeviation: r.details.standardDeviation,
          marginOfError: r.details.marginOfError,
          relativeMarginOfError: r.details.relativeMarginOfError,
          standardErrorOfMean: r.details.standardErrorOfMean,
          sampleVariance: r.details.sampleVariance,
        }
      : { name: r.name, ops: r.ops, margin: r.margin, percentSlower: r.percentSlower },
  );
}

function json(summary: Summary, o: Required<SaveOptions>): string {
  const results = o.details ? summary.results : rows(summary, false);
  return JSON.stringify(
    {
      name: summary.name,
      date: summary.date.toISOString(),
      version: o.version,
      results,
      fastest: summary.fastest,
      slowest: summary.slowest,
    },
    null,
    2,
  );
}

const csvCell = (v: string | number | boolean) => (typeof v === 'string' ? `"${v.replace(/"/g, '""')}"` : String(v));

function csv(summary: Summary, o: Required<SaveOptions>): string {
  const r = rows(summary, o.details);
  return [
    Object.keys(r[0] ?? { name: '' })
      .map(csvCell)
      .join(','),
    ...r.map((row) => Object.values(row).map(csvCell).join(',')),
  ].join('\n');
}

const esc = (v: unknown) => String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function page(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="UTF-8" />\n<meta name="viewport" content="width=device-width, initial-scale=1.0" />\n<title>${esc(title)}</title>\n</head>\n<body>\n${body}\n</body>\n</html>\n`;
}

function table(summary: Summary, o: Required<SaveOptions>): string {
  const r = rows(summary, o.details);
  const head = Object.keys(r[0] ?? {})
    .map((k) => `<th>${esc(k)}</th>`)
    .join('');
  const body = r
    .map(
      (row) =>
        `<tr>${Object.values(row)
          .map((v) => `<td>${esc(v)}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  return page(summary.name, `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`);
}

/** Ops per second as bars, coloured from green (fastest) to red by how much slower each case is. */
function chart(summary: Summary): string {
  const w = 800;
  const barH = 28;
  const left = 260;
  const top = Math.max(...summary.results.map((r) => r.ops), 1);
  const bars = summary.results
    .map((r, i) => {
      const y = 50 + i * (barH + 10);
      const len = Math.max(1, ((w - left - 160) * r.ops) / top);
      const hue = 120 * ((100 - r.percentSlower) / 100);
      return [
        `<text x="${left - 10}" y="${y + barH * 0.7}" text-anchor="end">${esc(r.name)}</text>`,
        `<rect x="${left}" y="${y}" width="${len.toFixed(1)}" height="${barH}" fill="hsl(${hue.toFixed(0)}, 85%, 55%)" />`,
        `<text x="${(left + len + 8).toFixed(1)}" y="${y + barH * 0.7}">${esc(r.ops.toLocaleString('en-US'))} ops/s ±${r.margin}%</text>`,
      ].join('\n');
    })
    .join('\n');
  const h = 70 + summary.results.length * (barH + 10);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="14">\n<text x="${w / 2}" y="28" text-anchor="middle" font-size="20">${esc(summary.name)}</text>\n${bars}\n</svg>`;
  return page(summary.name, svg);
}

/** The file content of `summary` in `o.format`. */
export function fileContent(summary: Summary, o: Required<SaveOptions>): string {
  switch (o.format) {
    case 'csv':
      return csv(summary, o);
    case 'table.html':
      return table(summary, o);
    case 'chart.html':
      return chart(summary);
    default:
      return json(summary, o);
  }
}
