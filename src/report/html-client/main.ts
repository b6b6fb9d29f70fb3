/**
 * The report page's script (bundled with uPlot into one IIFE at build time, inlined by html.ts). It
 * reads the model from <script type="application/json" id="cyclebench-data"> and builds the page
 * with DOM calls; every string from a benchmark file goes in as a text node, never as markup.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatValue } from '../../result/text.js';
import type { Bar, BenchView, GroupView, HtmlModel, Pair, SeriesView } from '../html-model.js';

const W = 490;
const H = 230;
const TONE: Record<Bar['tone'], string> = { good: '#2e8540', bad: '#c62828', same: '#8a8a8a', unsure: '#e0a100' };

type Child = Node | string | null | undefined | false;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, ...children: Child[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c); // strings become text nodes
  return e;
}

function pairs(rows: Pair[]): HTMLElement {
  return el('table', 'pairs', ...rows.map(([k, v]) => el('tr', undefined, el('th', undefined, k), el('td', undefined, v))));
}

function table(header: string[], rows: string[][], rowClass?: (r: string[]) => string | undefined): HTMLElement {
  return el(
    'table',
    'grid',
    el('thead', undefined, el('tr', undefined, ...header.map((h) => el('th', undefined, h)))),
    el('tbody', undefined, ...rows.map((r) => el('tr', rowClass?.(r), ...r.map((c) => el('td', undefined, c))))),
  );
}

let charts = 0;

/** Draws a chart into a new element; a failure is shown in place (and logged) instead of breaking the page. */
function chart(title: string, make: (target: HTMLElement) => void): HTMLElement {
  const box = el('figure', 'chart', el('figcaption', undefined, title));
  try {
    make(box);
    charts++;
  } catch (err) {
    console.error(`cyclebench report: chart "${title}" failed`, err);
    box.append(el('p', 'note', `chart unavailable: ${(err as Error).message}`));
  }
  return box;
}

/** Canvas helpers for marks uPlot has no series for (CI bands, whiskers, thresholds). */
function vband(u: uPlot, lo: number, hi: number, color: string): void {
  const x0 = u.valToPos(lo, 'x', true);
  const x1 = u.valToPos(hi, 'x', true);
  u.ctx.fillStyle = color;
  u.ctx.fillRect(Math.min(x0, x1), u.bbox.top, Math.max(2, Math.abs(x1 - x0)), u.bbox.height);
}

function line(u: uPlot, x0: number, y0: number, x1: number, y1: number, color: string, dash: number[] = [], width = 2): void {
  const ctx = u.ctx;
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = width * devicePixelRatio;
  ctx.setLineDash(dash.map((d) => d * devicePixelRatio));
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1, y1);
  ctx.stroke();
  ctx.restore();
}

const vline = (u: uPlot, x: number, color: string, dash: number[] = []) => {
  const px = u.valToPos(x, 'x', true);
  line(u, px, u.bbox.top, px, u.bbox.top + u.bbox.height, color, dash);
};
const hline = (u: uPlot, y: number, color: string, dash: number[] = []) => {
  const py = u.valToPos(y, 'y', true);
  line(u, u.bbox.left, py, u.bbox.left + u.bbox.width, py, color, dash);
};

function histogramChart(b: BenchView): HTMLElement {
  const h = b.histogram!;
  const hidden = h.hiddenAbove ? `; ${h.hiddenAbove} sample(s) above ${formatValue(h.cutoff, b.unit)} not shown (see run order)` : '';
  return chart(`distribution: median (line) and its 95% CI (band)${hidden}`, (target) => {
    const xs = h.edges.map((e) => e + h.width / 2);
    const top = Math.max(...h.counts);
    new uPlot(
      {
        width: W,
        height: H,
        legend: { show: false },
        scales: { x: { time: false, range: [h.edges[0], h.edges[0] + h.width * h.counts.length] }, y: { range: [0, top * 1.1] } },
        axes: [{ values: (_u, splits) => splits.map((v) => formatValue(v, b.unit)) }, { label: 'samples' }],
        series: [
          {},
          {
            fill: 'rgba(70,130,180,0.55)',
            stroke: '#4682b4',
            paths: uPlot.paths.bars!({ size: [1, Infinity], align: 0 }),
            points: { show: false },
          },
        ],
        hooks: {
          draw: [
            (u) => {
              if (b.lo !== null && b.hi !== null) vband(u, b.lo, b.hi, 'rgba(198,40,40,0.18)');
              if (b.median !== null) vline(u, b.median, '#c62828');
            },
          ],
        },
      },
      [xs, h.counts],
      target,
    );
  });
}

function runOrderChart(b: BenchView): HTMLElement {
  const ys = b.samples!;
  return chart('samples in run order (warm-up excluded): drift and steps show here', (target) => {
    new uPlot(
      {
        width: W,
        height: H,
        legend: { show: false },
        scales: { x: { time: false } },
        axes: [{ label: 'sample' }, { values: (_u, splits) => splits.map((v) => formatValue(v, b.unit)), size: 70 }],
        series: [{}, { stroke: '#4682b4', width: 1, points: { show: ys.length <= 400, size: 4 } }],
        hooks: {
          draw: [
            (u) => {
              if (b.median !== null) hline(u, b.median, '#c62828', [6, 4]);
            },
          ],
        },
      },
      [ys.map((_, i) => i + 1), ys],
      target,
    );
  });
}

/** Percent-change bars with CI whiskers, coloured by tone; a bar without a value is left out (its text says why). */
function barsChart(title: string, bars: Bar[], yLabel: string): HTMLElement {
  const shown = bars.filter((b) => b.pct !== null);
  if (!shown.length) return el('p', 'note', `${title}: nothing compared`);
  return chart(title, (target) => {
    const xs = shown.map((_, i) => i);
    const vals = shown.flatMap((b) => [b.pct!, b.lo ?? b.pct!, b.hi ?? b.pct!, 0]);
    const pad = (Math.max(...vals) - Math.min(...vals)) * 0.1 || 1;
    const colours = { unit: 3 as never, values: () => shown.map((b) => TONE[b.tone]) };
    const name = (i: number) => (shown[i] ? (shown[i].name.length > 22 ? `${shown[i].name.slice(0, 21)}…` : shown[i].name) : '');
    new uPlot(
      {
        width: W,
        height: H + 40,
        padding: [12, 40, 0, 0], // room for the last rotated name
        legend: { show: false },
        scales: { x: { time: false, range: [-0.5, shown.length - 0.5] }, y: { range: [Math.min(...vals) - pad, Math.max(...vals) + pad] } },
        axes: [
          {
            splits: () => xs,
            values: (_u, splits) => splits.map(name),
            rotate: shown.length > 3 ? -25 : 0,
            size: shown.length > 3 ? 90 : 40,
          },
          { label: yLabel, values: (_u, splits) => splits.map((v) => `${v > 0 ? '+' : ''}${v}%`), size: 60 },
        ],
        series: [
          {},
          {
            // Per-bar colours (uPlot's bars `disp`; unit 3 = a colour per bar, which needs stroke colours too).
            paths: uPlot.paths.bars!({ size: [0.6, 80], align: 0, disp: { fill: colours, stroke: colours } }),
            points: { show: false },
          },
        ],
        hooks: {
          draw: [
            (u) => {
              hline(u, 0, '#333');
              shown.forEach((b, i) => {
                if (b.lo === null || b.hi === null) return;
                const x = u.valToPos(i, 'x', true);
                const [y0, y1] = [u.valToPos(b.lo, 'y', true), u.valToPos(b.hi, 'y', true)];
                const cap = 6 * devicePixelRatio;
                line(u, x, y0, x, y1, '#222');
                line(u, x - cap, y0, x + cap, y0, '#222');
                line(u, x - cap, y1, x + cap, y1, '#222');
              });
            },
          ],
        },
      },
      [xs, shown.map((b) => b.pct)],
      target,
    );
  });
}

function barTable(bars: Bar[]): HTMLElement {
  return table(
    ['benchmark', 'result'],
    bars.map((b) => [b.name, b.text]),
    (r) => `tone-${bars.find((b) => b.name === r[0])?.tone}`,
  );
}

function groupSection(g: GroupView): HTMLElement {
  return el(
    'section',
    'card',
    el('h3', undefined, g.title),
    barsChart('ratio to the baseline with 95% CI (below 0: faster)', g.bars, '% vs baseline'),
    barTable(g.bars),
    ...g.notes.map((n) => el('p', 'note', n)),
  );
}

function benchSection(b: BenchView): HTMLElement {
  const card = el(
    'section',
    `card status-${b.status}`,
    el('h3', undefined, b.id, el('span', `grade grade-${b.grade.slice(0, 1)}`, b.grade)),
  );
  card.id = `bench-${encodeURIComponent(b.id)}`;
  if (b.problem) card.append(el('p', 'problem', b.problem));
  if (b.gradeReasons.length) card.append(el('ul', 'reasons', ...b.gradeReasons.map((r) => el('li', undefined, r))));
  card.append(pairs(b.summary));
  if (b.histogram && b.samples) card.append(el('div', 'charts', histogramChart(b), runOrderChart(b)));
  else if (b.samplesReason) card.append(el('p', 'note', `no sample charts: ${b.samplesReason}`));
  if (b.gpu) card.append(el('h4', undefined, 'GPU'), pairs(b.gpu));
  if (b.kernels?.length) card.append(table(['kernel', 'launches', 'mean', 'total'], b.kernels));
  return card;
}

function seriesChart(s: SeriesView): HTMLElement {
  return chart('median per run with its 95% CI; dashed: change points (orange), threshold (red), projection', (target) => {
    const last = s.runs[s.runs.length - 1];
    const span = Math.max(1, last - s.runs[0]);
    const crossing = s.crossing && s.crossing.run - last <= 2 * span ? s.crossing : null;
    const ys = [...s.medians, ...s.lo.filter((v): v is number => v !== null), ...s.hi.filter((v): v is number => v !== null)];
    const showThreshold = s.threshold && (crossing || s.threshold.value <= 2 * Math.max(...ys));
    if (showThreshold) ys.push(s.threshold!.value);
    const pad = (Math.max(...ys) - Math.min(...ys)) * 0.1 || Math.abs(ys[0]) * 0.05 || 1;
    new uPlot(
      {
        width: W,
        height: H,
        legend: { show: false },
        scales: {
          x: { time: false, range: [s.runs[0] - 0.5, (crossing ? Math.max(last, crossing.run) : last) + 0.5] },
          y: { range: [Math.min(...ys) - pad, Math.max(...ys) + pad] },
        },
        axes: [{ label: 'run' }, { values: (_u, splits) => splits.map((v) => formatValue(v, s.unit)), size: 70 }],
        series: [{}, { stroke: s.regression ? '#c62828' : '#4682b4', width: 2, points: { show: true, size: 5 } }],
        hooks: {
          draw: [
            (u) => {
              s.runs.forEach((r, i) => {
                const [lo, hi] = [s.lo[i], s.hi[i]];
                if (lo === null || hi === null) return;
                const x = u.valToPos(r, 'x', true);
                line(u, x, u.valToPos(lo, 'y', true), x, u.valToPos(hi, 'y', true), 'rgba(70,130,180,0.6)');
              });
              for (const c of s.changes) vline(u, c.run - 0.5, '#e07b00', [5, 4]);
              if (showThreshold) hline(u, s.threshold!.value, '#c62828', [8, 5]);
              if (crossing) {
                const x0 = u.valToPos(last, 'x', true);
                const x1 = u.valToPos(crossing.run, 'x', true);
                const y1 = u.valToPos(crossing.value, 'y', true);
                line(u, x0, u.valToPos(s.medians[s.medians.length - 1], 'y', true), x1, y1, '#c62828', [2, 3]);
                const d = 6 * devicePixelRatio;
                line(u, x1 - d, y1 - d, x1 + d, y1 + d, '#c62828');
                line(u, x1 - d, y1 + d, x1 + d, y1 - d, '#c62828');
              }
            },
          ],
        },
      },
      [s.runs, s.medians],
      target,
    );
  });
}

function render(model: HtmlModel): void {
  const root = document.getElementById('report')!;
  root.append(el('h1', undefined, model.title), el('p', 'meta', `generated ${model.generated}`));
  const c = model.comparison;
  if (c) {
    root.append(
      el(
        'section',
        'card',
        el('h2', undefined, 'Verdict'),
        el('p', `outcome ${c.failed ? 'fail' : 'ok'}`, c.outcome),
        el('p', 'meta', c.title),
        c.policy && el('p', 'meta', c.policy),
        ...c.warnings.map((w) => el('p', 'warning', `Environment mismatch: ${w}`)),
        c.bars.length > 0 && barsChart('change per benchmark with 95% CI, coloured by verdict', c.bars, '% change'),
        c.rows.length > 0 &&
          table(
            ['benchmark', 'base', 'current', 'change', 'CI', 'p', 'verdict'],
            c.rows,
            (r) => `tone-${c.bars.find((b) => b.name === r[0])?.tone}`,
          ),
        c.targets.length > 0 && el('h3', undefined, 'Targets'),
        c.targets.length > 0 &&
          table(['benchmark', 'target', 'value', 'result', 'margin'], c.targets, (r) => (r[3] === 'PASS' ? 'tone-good' : 'tone-bad')),
        ...c.notes.map((n) => el('p', 'note', n)),
      ),
    );
  }
  const run = model.run;
  if (run) {
    root.append(
      el('section', 'card', el('h2', undefined, `Run: ${run.title}`), pairs(run.environment), ...run.notes.map((n) => el('p', 'note', n))),
    );
    const index = run.benchmarks.map((b) => [
      b.id,
      b.summary.find((p) => p[0] === 'median')?.[1] ?? b.problem ?? '',
      b.grade,
      b.summary.find((p) => p[0].startsWith('throughput'))?.[1] ?? '',
    ]);
    root.append(
      el('section', 'card', el('h2', undefined, 'Benchmarks'), table(['benchmark', 'median', 'grade (consistency)', 'throughput'], index)),
    );
    if (run.groups.length) root.append(el('h2', undefined, 'Groups'), ...run.groups.map(groupSection));
    root.append(...run.benchmarks.map(benchSection));
  }
  const h = model.history;
  if (h) {
    root.append(el('h2', undefined, `History: ${h.title}`), ...h.notes.map((n) => el('p', 'note', n)));
    for (const s of h.series)
      root.append(
        el(
          'section',
          `card${s.regression ? ' regression' : ''}`,
          el('h3', undefined, s.id),
          s.runs.length ? seriesChart(s) : el('p', 'note', 'no measured runs'),
          pairs(s.lines),
        ),
      );
  }
  document.body.dataset.charts = String(charts);
  document.body.dataset.ready = 'true';
}

render(JSON.parse(document.getElementById('cyclebench-data')!.textContent!) as HtmlModel);
