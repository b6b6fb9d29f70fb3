/** Lines under the results table for load tests (model, requests, latency percentiles, errors) and sampled resources. */
import type { BenchResult, LoadSummary, ResourceSummary, RunResult } from '../result/types.js';
import { formatBytes, formatNs, formatValue, isNum, plural, sig3 } from '../result/text.js';

const pct = (v: number) => formatValue(v, 'fraction');
const int = (v: number) => formatValue(v, 'count');

function modelText(l: LoadSummary): string {
  const where =
    l.isolate === 'none'
      ? ''
      : ` across ${plural(l.workers, l.isolate === 'worker' ? 'worker thread' : 'process', l.isolate === 'worker' ? 'worker threads' : 'processes')}`;
  return l.model === 'open'
    ? `open model at ${sig3(l.rate?.target ?? NaN)}/s, at most ${l.concurrency} in flight${where}`
    : `closed model, ${plural(l.concurrency, 'caller')}${where}`;
}

/** One load test: what ran, how it went, its latency percentiles and errors. */
function loadLines(b: BenchResult): string[] {
  const l = b.load!;
  const lines = [
    '',
    `${b.id}: ${modelText(l)}; ${int(l.requests)} requests (${int(l.ok)} ok, ${int(l.failed)} failed: ${pct(l.successRate)} success) in ${formatNs(l.durationMs * 1e6)}, ${sig3(l.throughput)} req/s${l.warmup ? `, after ${l.warmup} warm-up requests` : ''}`,
  ];
  const s = b.stats;
  if (s) {
    const at = (label: string, v: number) => `${label} ${formatNs(v)}`;
    lines.push(
      `  latency from ${l.latencyFrom === 'scheduled' ? 'scheduled start' : 'start'}: ${[at('min', s.min), at('p50', s.p50), at('p90', s.p90), at('p95', s.p95), at('p99', s.p99), at('p99.9', s.p999), at('max', s.max)].join('  ')}  (mean ${formatNs(s.mean)} ± ${formatNs(s.stddev)})`,
    );
  }
  if (l.rate)
    lines.push(
      `  rate: asked ${sig3(l.rate.target)}/s, achieved ${sig3(l.rate.achieved)}/s${l.rate.shortfall > 0.005 ? ` (${pct(l.rate.shortfall)} short)` : ''}`,
    );
  if (l.errors.length)
    lines.push(
      `  errors: ${l.errors.map((e) => `${e.message} (${e.count})`).join('; ')}${l.timeouts ? `; ${l.timeouts} of them timeouts` : ''}`,
    );
  lines.push(
    `  clock: ${l.clock.name}, ${isNum(l.clock.readNs) ? `${sig3(l.clock.readNs)} ns per read` : 'read cost unknown'}; each latency includes about one read`,
  );
  return lines;
}

function stat(r: { peak: number; mean: number }, f: (v: number) => string): string {
  return `${f(r.mean)} mean, ${f(r.peak)} peak`;
}

/** One sampled benchmark's resources in a line or two. */
export function resourceText(r: ResourceSummary, perOp: string): string[] {
  const cpu = (v: number) => `${sig3(v)}%`;
  const gc = Object.entries(r.gc).map(([k, g]) => `${k} ${g.count} (${sig3(g.totalMs)} ms, longest ${sig3(g.maxMs)} ms)`);
  const eld = r.eventLoopDelay;
  return [
    `  CPU ${stat(r.cpu.total, cpu)} of one core (user ${cpu(r.cpu.user.mean)}, system ${cpu(r.cpu.system.mean)})${isNum(r.cpu.perOpNs) ? `, ${formatNs(r.cpu.perOpNs)} CPU per ${perOp}` : ''}; RSS ${stat(r.memory.rss, formatBytes)}; heap ${stat(r.memory.heapUsed, formatBytes)}; external ${formatBytes(r.memory.external.peak)} peak, array buffers ${formatBytes(r.memory.arrayBuffers.peak)} peak`,
    `  event-loop delay ${eld ? `p50 ${formatNs(eld.p50)}, p99 ${formatNs(eld.p99)}, max ${formatNs(eld.max)}` : 'n/a (the loop was never free to measure it)'}; GC ${gc.length ? gc.join(', ') : 'none'}; ${r.samples} samples every ${r.intervalMs} ms over ${formatNs(r.durationMs * 1e6)}${r.scope === 'group' ? ' (whole group)' : ''}, sampler cost ${formatNs(r.overhead.perSampleNs)} per sample (${pct(r.overhead.fraction)})`,
  ];
}

/** Load tests, then every benchmark with sampled resources. */
export function loadAndResourceLines(run: RunResult): string[] {
  const lines = run.benchmarks.filter((b) => b.load).flatMap(loadLines);
  const sampled = run.benchmarks.filter((b) => b.resources || b.load?.perWorker?.some((w) => w.resources));
  if (sampled.length) lines.push('', 'resources while measuring:');
  for (const b of sampled) {
    lines.push(`  ${b.id}:${b.resources ? '' : ' (per process below)'}`);
    if (b.resources) lines.push(...resourceText(b.resources, b.kind === 'load' ? 'request' : 'iteration').map((l) => `  ${l}`));
    for (const [i, w] of (b.load?.perWorker ?? []).entries())
      if (w.resources)
        lines.push(
          `    ${b.load!.isolate === 'process' ? 'process' : 'worker'} ${i + 1} (${w.requests} requests):`,
          ...resourceText(w.resources, 'request').map((l) => `    ${l}`),
        );
  }
  return lines;
}
