/**
 * The HTML report: one self-contained file that opens offline. The page script (uPlot and
 * html-client/main.ts, bundled and minified at build time into dist/report-client.{js,css}) and the
 * styles are inlined; the data is JSON in a <script type="application/json"> with `<` escaped, and
 * the page builds the DOM from it with text nodes only. A Content-Security-Policy allows no network
 * and only this page script (by its hash), so even an injected handler could not run.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CycleBenchError } from '../errors.js';
import { htmlModel, type HtmlInput, type HtmlModel } from './html-model.js';

export type { HtmlInput, HtmlModel } from './html-model.js';

/** The built page script and stylesheet: beside the bundle (dist/), or in dist/ when running from src/. */
function clientAsset(ext: 'js' | 'css'): string {
  const candidates = [new URL(`./report-client.${ext}`, import.meta.url), new URL(`../../dist/report-client.${ext}`, import.meta.url)];
  for (const c of candidates) {
    const file = fileURLToPath(c);
    if (existsSync(file)) return readFileSync(file, 'utf8');
  }
  throw new CycleBenchError(
    'E_INTERNAL',
    `the HTML report's page script (report-client.${ext}) is missing from this installation; rebuild it with \`npm run build\`.`,
  );
}

let assets: { js: string; css: string } | null = null;

/** JSON safe inside a <script> element: no `<` (so no `</script>` or `<!--`), and no line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f5f7;color:#1d1f23}
#report{max-width:1120px;margin:0 auto;padding:16px 24px 48px}
.card>h2:first-child,.card>h3:first-child{margin-top:0}
h1{font-size:22px;margin:8px 0 2px}h2{font-size:18px;margin:24px 0 8px}h3{font-size:15px;margin:0 0 8px;word-break:break-all}h4{margin:12px 0 4px}
.meta{color:#5b6270;margin:2px 0}.note{color:#5b6270;font-size:13px}.problem{color:#c62828;font-weight:600}
.card{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:14px 16px;margin:12px 0}
.card.regression{border-color:#c62828}
.charts{display:flex;flex-wrap:wrap;gap:16px}.chart{margin:8px 0}.chart figcaption{font-size:12px;color:#5b6270;max-width:490px}
table{border-collapse:collapse;font-size:13px;margin:6px 0}td,th{padding:3px 10px 3px 0;text-align:left;vertical-align:top}
table.grid td,table.grid th{border-bottom:1px solid #eceef1;padding:4px 10px;white-space:nowrap}table.grid td:last-child{white-space:normal}table.pairs th{color:#5b6270;font-weight:500;white-space:nowrap}
.grade{margin-left:10px;padding:1px 8px;border-radius:10px;background:#e8eaed;font-size:12px}
.grade-A{background:#d7f0dc}.grade-B{background:#e6f2d0}.grade-C{background:#fff1c2}.grade-D{background:#ffe0c2}.grade-F{background:#ffd0d0}
.outcome{font-weight:700;font-size:16px}.outcome.ok{color:#2e8540}.outcome.fail{color:#c62828}
.warning{background:#fff1c2;border-left:4px solid #e0a100;padding:6px 10px}
.tone-bad td{color:#c62828}.tone-good td{color:#2e8540}.tone-unsure td{color:#8a6d00}
ul.reasons{margin:0 0 8px;color:#8a6d00}
`;

/** Renders the model as a complete page. */
export function renderHtmlModel(model: HtmlModel): string {
  assets ??= { js: clientAsset('js').replace(/<\/script/gi, '<\\/script'), css: clientAsset('css') };
  const hash = createHash('sha256').update(assets.js).digest('base64');
  const csp = `default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'`;
  const title = model.title.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${assets.css}${STYLE}</style>
</head>
<body>
<main id="report"></main>
<script type="application/json" id="cyclebench-data">${scriptJson(model)}</script>
<script>${assets.js}</script>
</body>
</html>
`;
}

/**
 * An HTML report of a run, a verdict (comparison of two runs), a history, or any mix: the function
 * `cyclebench report --format html`, `run --html` and `report --history` use. Pure apart from
 * reading the built page script once.
 */
export function renderHtml(input: HtmlInput): string {
  return renderHtmlModel(htmlModel(input));
}
