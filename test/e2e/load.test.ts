/**
 * Load tests end to end: the real CLI in a scratch project whose benchmark file starts an HTTP
 * server on 127.0.0.1 (a 5 ms endpoint, one failing every 10th request) and registers load tests
 * next to an ordinary benchmark. Every request loop is bounded by a count and a duration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchProject, type Project } from './project.js';

const LOAD_BENCH = `import http from 'node:http';
import { bench, load } from 'cyclebench';

let server;
let base = '';
const count = {};
async function start() {
  server = http.createServer((req, res) => {
    const n = (count[req.url] = (count[req.url] ?? 0) + 1);
    setTimeout(() => { res.statusCode = req.url === '/flaky' && n % 10 === 0 ? 500 : 200; res.end('ok'); }, 5);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  base = 'http://127.0.0.1:' + server.address().port;
}
async function stop() {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
}
const agent = new http.Agent({ keepAlive: true });
const get = (path) => new Promise((resolve, reject) => {
  http.get(base + path, { agent }, (res) => { res.resume(); res.on('end', () => (res.statusCode < 300 ? resolve() : reject(new Error('HTTP ' + res.statusCode)))); }).on('error', reject);
});

load('delay', () => get('/delay'), { concurrency: 5, requests: 100, duration: '20s', before: start, after: async () => { agent.destroy(); await stop(); } });
load('flaky', () => get('/flaky'), { concurrency: 4, requests: 100, duration: '20s', before: start, after: async () => { agent.destroy(); await stop(); } });
bench('plain', () => { let s = 0; for (let i = 0; i < 1000; i++) s += Math.sqrt(i); return s; });
`;

const SPIN_BENCH = `import { load } from 'cyclebench';
function spin() { const end = performance.now() + 1; let s = 0; while (performance.now() < end) s += Math.sqrt(s + 1); return s; }
load('spin threads', spin, { concurrency: 2, requests: 20, duration: '20s', isolate: 'worker' });
load('spin processes', spin, { concurrency: 2, requests: 20, duration: '20s', isolate: 'process' });
`;

let p: Project;
beforeAll(() => {
  p = scratchProject({ 'bench/api.bench.mjs': LOAD_BENCH, 'cpu/spin.bench.mjs': SPIN_BENCH });
});
afterAll(() => p.remove());

describe('load tests through cyclebench run', () => {
  it('results in the same result file, a load section in the table, and a missed success target exits 3', async () => {
    const r = await p.cli([
      'run',
      '--quick',
      '--json',
      'out.json',
      '--target',
      'flaky: success > 95%',
      '--target',
      'delay: p95 < 5s',
      '--target',
      'delay: rss < 4GB',
    ]);
    expect(r.code, r.stdout + r.stderr).toBe(3);
    expect(r.stdout).toMatch(/flaky\s+success > 95%\s+90\.0%\s+FAIL\s+5\.3% below target/);
    expect(r.stdout).toMatch(/delay\s+p95 < 5s\s+\S+ ms\s+PASS/);
    expect(r.stdout).toMatch(/delay\s+rss < 4GB\s+\S+ MiB\s+PASS/);
    expect(r.stdout).toMatch(/flaky: closed model, 4 callers; 100 requests \(90 ok, 10 failed: 90\.0% success\)/);
    expect(r.stdout).toMatch(/errors: HTTP 500 \(10\)/);
    const result = JSON.parse(p.read('out.json'));
    const flaky = result.benchmarks.find((b: { id: string }) => b.id === 'flaky');
    expect(flaky).toMatchObject({ kind: 'load', unit: 'ns', status: 'ok', load: { requests: 100, ok: 90, failed: 10, successRate: 0.9 } });
    expect(flaky.stats.p50).toBeGreaterThan(4.5e6);
    expect(flaky.resources.samples).toBeGreaterThan(0);
    const plain = result.benchmarks.find((b: { id: string }) => b.id === 'plain');
    expect(plain.kind).toBe('cpu');
    expect(plain.resources).toBeUndefined(); // off by default for bench
  }, 120_000);

  it('--resources samples ordinary benchmarks too', async () => {
    const r = await p.cli(['run', '--quick', '--filter', 'plain', '--resources', '--json', '-', '--no-save']);
    expect(r.code, r.stderr).toBe(0);
    const plain = JSON.parse(r.stdout).benchmarks[0];
    expect(plain.resources.cpu.perOpNs).toBeGreaterThan(0);
  }, 120_000);
});

describe('cyclebench load', () => {
  it('runs only the load tests, with flags overriding their shape; --json - is pure JSON', async () => {
    const r = await p.cli([
      'load',
      'bench/api.bench.mjs',
      '--filter',
      'delay',
      '--concurrency',
      '2',
      '--requests',
      '30',
      '--rate',
      '100',
      '--json',
      '-',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.benchmarks.map((b: { id: string }) => b.id)).toEqual(['delay']);
    expect(result.benchmarks[0].load).toMatchObject({
      model: 'open',
      concurrency: 2,
      requests: 30,
      latencyFrom: 'scheduled',
      rate: { target: 100 },
    });
    expect(p.exists('.cyclebench/last.json')).toBe(true); // from the run above; load itself saves nothing
  }, 120_000);

  it('splits CPU-bound load across worker threads and processes from the installed package', async () => {
    const r = await p.cli(['load', 'cpu/spin.bench.mjs', '--workers', '2', '--json', '-']);
    expect(r.code, r.stderr).toBe(0);
    const [threads, procs] = JSON.parse(r.stdout).benchmarks;
    expect(threads.load).toMatchObject({ isolate: 'worker', workers: 2, requests: 20, ok: 20 });
    expect(procs.load).toMatchObject({ isolate: 'process', workers: 2, requests: 20, ok: 20 });
    expect(procs.load.perWorker.map((w: { requests: number }) => w.requests)).toEqual([10, 10]);
    expect(threads.stats.min).toBeGreaterThanOrEqual(1e6);
  }, 120_000);

  it('usage errors exit 4 before anything runs', async () => {
    const bad = await p.cli(['load', '--concurrency', '0']);
    expect(bad.code).toBe(4);
    expect(bad.stderr).toMatch(/load test 'delay': concurrency must be a whole number >= 1/);
    p.write('bench/none.mjs', "import { bench } from 'cyclebench';\nbench('x', () => 1);\n");
    const none = await p.cli(['load', 'bench/none.mjs']);
    expect(none.code).toBe(4);
    expect(none.stderr).toMatch(/no load tests are registered in bench\/none\.mjs/);
    const typo = await p.cli(['load', '--concurency', '2']);
    expect(typo.code).toBe(4);
    expect(typo.stderr).toMatch(/unknown option '--concurency'.*--concurrency/);
  }, 120_000);

  it('compare: CPU per request grown past cpuNoise fails (exit 1), memory grown past memoryNoise only warns', async () => {
    const a = JSON.parse(p.read('out.json'));
    const grow = (rss: number, cpu: number) => {
      const b = structuredClone(a);
      const flaky = b.benchmarks.find((x: { id: string }) => x.id === 'flaky');
      flaky.resources.memory.rss.peak *= rss;
      flaky.resources.cpu.perOpNs *= cpu;
      return JSON.stringify(b);
    };
    p.write('mem.json', grow(1.5, 1));
    p.write('cpu.json', grow(1, 1.5));
    const mem = await p.cli(['compare', 'out.json', 'mem.json']);
    expect(mem.code, mem.stdout + mem.stderr).toBe(0);
    expect(mem.stdout).toMatch(/flaky: peak RSS \+50\.0% \(band ±20\.0%\): warning/);
    const cpu = await p.cli(['compare', 'out.json', 'cpu.json']);
    expect(cpu.code, cpu.stdout + cpu.stderr).toBe(1);
    expect(cpu.stdout).toMatch(/flaky: CPU per request \+50\.0% \(band ±10\.0%\): regression/);
    p.write('cyclebench.config.json', JSON.stringify({ cpuNoise: 0.6 }));
    try {
      expect((await p.cli(['compare', 'out.json', 'cpu.json'])).code).toBe(0);
    } finally {
      p.write('cyclebench.config.json', '{}');
    }
  }, 120_000);
});
