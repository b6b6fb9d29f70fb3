/**
 * The HTML report in a real browser: Debian's headless Chromium driven by playwright-core (never a
 * downloaded browser). The real CLI measures a tiny suite (a group, arguments, throughput and a
 * benchmark named as markup) in a scratch project and renders a run, a comparison, a verdict file,
 * a history and a GPU result; each page opens from file://, must draw every chart (canvas pixels),
 * log no error, and keep the markup name as text. UPDATE_SCREENSHOT=1 saves docs/report-screenshot.png.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { requireCapability } from '../capability.js';
import { PACKAGE_ROOT, scratchProject, type Project } from '../e2e/project.js';
import { historyLines, REPORT_BENCH, XSS_NAME } from '../e2e/report-suite.js';

const CHROMIUM = '/usr/bin/chromium';
const ready = requireCapability(
  'Chromium for the HTML report test (apt-get install chromium)',
  existsSync(CHROMIUM) ? { available: true } : { available: false, reason: `${CHROMIUM} not found` },
);

let p: Project;
let browser: Browser;

beforeAll(async () => {
  if (!ready) return;
  p = scratchProject({ 'bench/r.bench.mjs': REPORT_BENCH });
  const base = await p.cli(['run', '--quick', '--json', 'base.json', '--html', 'run.html', '--target', 'parse: throughput > 1kB/s']);
  expect(base.code, base.stdout + base.stderr).toBe(0);
  const cur = await p.cli(['run', '--quick', '--no-save', '--quiet', '--json', 'cur.json'], { env: { WORK: '3' } });
  expect(cur.code, cur.stderr).toBe(0);
  await p.cli(['compare', 'base.json', 'cur.json', '--json', 'verdict.json']);
  p.write('.cyclebench/history.jsonl', historyLines());
  // A GPU result as the engine writes one (this machine may have no GPU): device details and bandwidth.
  const gpuRun = JSON.parse(p.read('base.json'));
  const parse = gpuRun.benchmarks.find((b: { id: string }) => b.id === 'parse');
  gpuRun.benchmarks = [
    {
      ...parse,
      id: 'gpu/copy',
      name: 'copy',
      group: 'gpu',
      kind: 'gpu',
      throughput: { bytes: 2 ** 29 },
      gpu: {
        mode: 'hot',
        device: 0,
        deviceName: 'NVIDIA H200',
        memoryClockMHz: 3201,
        memoryBusWidthBits: 6144,
        relativeNoise: 0.004,
        kernels: [{ name: 'copy', count: 10, totalNs: 2.5e6, meanNs: 2.5e5, minNs: 2.4e5, maxNs: 2.6e5 }],
        notes: [],
      },
    },
  ];
  p.write('gpu.json', JSON.stringify(gpuRun));
  for (const args of [
    ['report', 'base.json', 'cur.json', '--format', 'html', '--out', 'cmp.html'],
    ['report', 'verdict.json', '--format', 'html', '--out', 'verdict.html'],
    ['report', '--history', '--format', 'html', '--threshold', '2us', '--out', 'history.html'],
    ['report', 'gpu.json', '--format', 'html', '--out', 'gpu.html'],
  ]) {
    const r = await p.cli(args);
    expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  }
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    // As root Chromium needs --no-sandbox; the rest keep it from reaching the network. launch()
    // gives every browser a fresh temporary profile (its own --user-data-dir).
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  p?.remove();
});

/** Opens a report; returns what the page logged and what it drew. */
async function open(file: string, screenshot?: string) {
  // The screenshot shows the verdict and the top of the run; kept small (about 100 KB).
  const page = await browser.newPage({ viewport: { width: 1000, height: screenshot ? 760 : 1300 } });
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => (problems.push(`dialog: ${d.message()}`), void d.dismiss()));
  page.on('request', (r) => !r.url().startsWith('file:') && !r.url().startsWith('data:') && problems.push(`request: ${r.url()}`));
  await page.goto(pathToFileURL(join(p.dir, file)).href);
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached', timeout: 15_000 });
  const drawn = await page.evaluate(() => ({
    charts: Number(document.body.dataset.charts),
    // Canvases with at least one painted pixel.
    canvases: [...document.querySelectorAll('canvas')].map((c) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true;
      return false;
    }),
    imgs: document.querySelectorAll('img').length,
    text: document.body.innerText,
  }));
  if (screenshot) await page.screenshot({ path: screenshot });
  await page.close();
  return { problems, ...drawn };
}

describe.runIf(ready)('HTML report in Chromium', () => {
  it('run --html: every chart drawn, no errors, the markup name stays text', async () => {
    const shot = process.env.UPDATE_SCREENSHOT ? join(PACKAGE_ROOT, 'docs', 'report-screenshot.png') : join(p.dir, 'run.png');
    const r = await open('cmp.html', shot);
    expect(r.problems).toEqual([]);
    // Comparison + group + 2 per benchmark (distribution, run order) for 6 benchmarks.
    expect(r.charts).toBe(1 + 1 + 12);
    expect(r.canvases).toHaveLength(r.charts);
    expect(r.canvases.every(Boolean)).toBe(true);
    expect(r.imgs).toBe(0);
    expect(r.text).toContain(XSS_NAME);
    expect(r.text).toMatch(/\d[\d.]* [kMG]?B\/s/);
    expect(r.text).toMatch(/stopped by\s+(precision|budget)/);
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
  });

  it.each(['run.html', 'verdict.html', 'history.html', 'gpu.html'])('%s: charts drawn, no errors, no element from data', async (file) => {
    const r = await open(file);
    expect(r.problems).toEqual([]);
    expect(r.charts).toBeGreaterThan(0);
    expect(r.canvases).toHaveLength(r.charts);
    expect(r.canvases.every(Boolean)).toBe(true);
    expect(r.imgs).toBe(0);
    if (file === 'gpu.html') expect(r.text).toMatch(/memory bandwidth\s+\S+ [kMGT]?B\/s = [\d.]+% of the peak 4\.92 TB\/s/);
    if (file === 'history.html') expect(r.text).toMatch(/crossed in ~\d+ runs?/);
    if (file === 'run.html') expect(r.text).toMatch(/throughput > 1kB\/s/);
  });
});

// Keep the helper honest: a page whose script throws is caught (the checks above can fail).
describe.runIf(ready)('the browser check itself', () => {
  it('reports a page error', async () => {
    writeFileSync(
      join(p.dir, 'broken.html'),
      '<!doctype html><body><script>document.body.dataset.ready="true";throw new Error("boom")</script>',
    );
    const r = await open('broken.html');
    expect(r.problems.join('\n')).toMatch(/page error: boom/);
  });
});
