/**
 * GPU self-checks, run by bench/gpu/check.sh on a machine with an NVIDIA GPU:
 * 1. a spin kernel of known duration (100 us of %globaltimer) measured by events within 1%;
 * 2. the event timer's overhead per sample (host cost of start/stop/elapsed; GPU time of an empty pair);
 * 3. CUPTI per-kernel times against event times for the same kernels;
 * 4. device-to-device copy bandwidth (cuMemcpyDtoDAsync and the copy kernel) against the nominal
 *    peak (2 x memory clock x bus width);
 * 5. cold vs hot on the memory-bound copy kernel over a buffer that fits in L2.
 * Prints a report and writes gpu-check.json under $OUT (or .cyclebench/gpu-check).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadNative } from '../../src/native/load.js';
import type { GpuBinding } from '../../src/gpu/binding.js';
import { alloc, cudaCapability, EventTimer, measureSmClock, sampleGpu } from '../../src/gpu/index.js';
import { formatRun, runGpu } from './run.js';

const out: Record<string, unknown> = {};
const verdicts: string[] = [];
const say = (line: string) => console.log(line);
function verdict(name: string, pass: boolean, detail: string): void {
  const line = `${pass ? 'PASS' : 'FAIL'}  ${name}: ${detail}`;
  verdicts.push(line);
  say(line);
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
};

async function main(): Promise<void> {
  const cap = cudaCapability();
  out.capability = cap;
  if (!cap.available) {
    say(`GPU checks skipped: ${cap.reason}`);
    return;
  }
  const g = loadNative().addon!.gpu as GpuBinding;
  const dev = cap.devices[0];
  say(
    `device 0: ${dev.name} (cc ${dev.computeCapability}, ${dev.smCount} SMs, L2 ${((dev.l2Bytes ?? 0) / 2 ** 20).toFixed(0)} MiB), driver ${cap.driver.version}`,
  );
  for (const k of ['nvrtc', 'nvml', 'cupti'] as const)
    say(`  ${k}: ${cap[k].available ? `available ${cap[k].version ?? ''}` : cap[k].reason}`);
  const clock = measureSmClock(0, 2_000_000);
  out.smClock = clock;
  say(`SM clock (clock64 / globaltimer over 2 ms): ${clock.smClockMHz.toFixed(0)} MHz`);

  // 1. Spin kernel of known duration.
  const target = 100_000;
  const spinRuns = [];
  for (const mode of ['cold', 'hot'] as const) {
    const r = await runGpu(`spin ${target / 1000} us`, (ctx) => g.spin(0, ctx.stream, target), { mode }, { minGpuTimeNs: 0.2e9 });
    say(formatRun(r));
    spinRuns.push({ mode, medianNs: r.medianNs, noise: r.noise, samples: r.samples });
    const err = (r.medianNs - target) / target;
    verdict(
      `spin 100 us (${mode})`,
      Math.abs(err) <= 0.01,
      `median ${(r.medianNs / 1e3).toFixed(3)} us, error ${(err * 100).toFixed(2)}% (limit 1%)`,
    );
  }
  out.spin = spinRuns;

  // 2. Event timer overhead per sample.
  const timer = new EventTimer();
  const hostNs: number[] = [];
  const emptyGpuNs: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t0 = process.hrtime.bigint();
    timer.start();
    timer.stop();
    const e = timer.elapsedNs();
    hostNs.push(Number(process.hrtime.bigint() - t0));
    emptyGpuNs.push(e);
  }
  out.timerOverhead = { hostNsMedian: median(hostNs), emptyPairGpuNsMedian: median(emptyGpuNs) };
  say(
    `event timer: host cost per sample (start+stop+elapsedNs) median ${(median(hostNs) / 1e3).toFixed(2)} us; empty event pair on the GPU ${median(emptyGpuNs).toFixed(0)} ns`,
  );

  // 3. CUPTI per-kernel times against events.
  const k = await sampleGpu((ctx) => g.spin(0, ctx.stream, 50_000, 10), { mode: 'hot', kernels: true });
  if (k.kernelsUnavailable) {
    say(`CUPTI: unavailable (${k.kernelsUnavailable}); events only`);
    out.cupti = { unavailable: k.kernelsUnavailable };
  } else {
    const sum = k.kernels!.reduce((a, r) => a + r.durationNs, 0);
    const ratio = sum / k.totalGpuNs;
    out.cupti = {
      kernels: k.kernels!.length,
      kernelSumNs: sum,
      eventNs: k.totalGpuNs,
      dropped: k.droppedRecords,
      summary: k.kernelSummary,
    };
    verdict(
      'CUPTI vs events',
      k.kernels!.length === 10 && ratio > 0.95 && ratio <= 1.001,
      `${k.kernels!.length} kernels, CUPTI sum ${(sum / 1e3).toFixed(1)} us vs events ${(k.totalGpuNs / 1e3).toFixed(1)} us (ratio ${ratio.toFixed(4)}), dropped ${k.droppedRecords}`,
    );
  }

  // 4. Device-to-device bandwidth against nominal.
  const nvml = cap.nvml.available ? g.nvmlRead(0) : {};
  const memMHz = dev.memoryClockMHz ?? nvml.memClockMaxMHz;
  const busBits = dev.memoryBusWidthBits ?? nvml.memoryBusWidthBits;
  const nominalGBs = memMHz && busBits ? (2 * memMHz * 1e6 * (busBits / 8)) / 1e9 : undefined;
  const bytes = 512 * 2 ** 20;
  const a = alloc(bytes);
  const b = alloc(bytes);
  a.fill(1);
  const memcpy = await runGpu(
    'memcpy DtoD 512 MiB',
    (ctx) => g.copyDeviceToDevice(0, b.ptr, a.ptr, bytes, ctx.stream),
    { mode: 'hot' },
    { minGpuTimeNs: 0.3e9, timeoutMs: 10_000 },
  );
  const kernelCopy = await runGpu(
    'copy kernel 512 MiB',
    (ctx) => g.copyKernel(0, b.ptr, a.ptr, bytes, ctx.stream),
    { mode: 'hot' },
    { minGpuTimeNs: 0.3e9, timeoutMs: 10_000 },
  );
  const bw = (r: { medianNs: number }) => (2 * bytes) / r.medianNs; // read + write, GB/s
  say(formatRun(memcpy, `${bw(memcpy).toFixed(0)} GB/s`));
  say(formatRun(kernelCopy, `${bw(kernelCopy).toFixed(0)} GB/s`));
  out.bandwidth = { nominalGBs, memcpyGBs: bw(memcpy), copyKernelGBs: bw(kernelCopy), memClockMHz: memMHz, busWidthBits: busBits };
  if (nominalGBs)
    verdict(
      'D2D bandwidth',
      bw(memcpy) > 0.5 * nominalGBs && bw(memcpy) <= 1.02 * nominalGBs,
      `memcpy ${bw(memcpy).toFixed(0)} GB/s = ${((100 * bw(memcpy)) / nominalGBs).toFixed(0)}% of nominal ${nominalGBs.toFixed(0)} GB/s; copy kernel ${((100 * bw(kernelCopy)) / nominalGBs).toFixed(0)}%`,
    );
  else say('nominal bandwidth unknown (no memory clock / bus width from the driver or NVML)');
  a.free();
  b.free();

  // 5. Cold vs hot on a memory-bound kernel whose data fits in L2.
  const small = Math.max(1 << 20, Math.floor((dev.l2Bytes ?? 8 << 20) / 8 / 16) * 16); // in + out = L2/4
  const x = alloc(small);
  const y = alloc(small);
  x.fill(3);
  const cold = await runGpu(
    `copy kernel ${(small / 2 ** 20).toFixed(1)} MiB`,
    (ctx) => g.copyKernel(0, y.ptr, x.ptr, small, ctx.stream),
    { mode: 'cold' },
    { minGpuTimeNs: 0.05e9 },
  );
  const hot = await runGpu(
    `copy kernel ${(small / 2 ** 20).toFixed(1)} MiB`,
    (ctx) => g.copyKernel(0, y.ptr, x.ptr, small, ctx.stream),
    { mode: 'hot' },
    { minGpuTimeNs: 0.05e9 },
  );
  const graph = await runGpu(
    `copy kernel ${(small / 2 ** 20).toFixed(1)} MiB`,
    (ctx) => g.copyKernel(0, y.ptr, x.ptr, small, ctx.stream),
    { mode: 'graph' },
    { minGpuTimeNs: 0.05e9 },
  );
  for (const r of [cold, hot, graph]) say(formatRun(r, `${((2 * small) / r.medianNs).toFixed(0)} GB/s`));
  out.coldHot = {
    bytes: small,
    coldNs: cold.medianNs,
    hotNs: hot.medianNs,
    graphNs: graph.medianNs,
    last: { cold: cold.last, hot: hot.last },
  };
  verdict(
    'cold slower than hot (L2-resident data)',
    cold.medianNs > hot.medianNs,
    `cold ${(cold.medianNs / 1e3).toFixed(2)} us vs hot ${(hot.medianNs / 1e3).toFixed(2)} us (x${(cold.medianNs / hot.medianNs).toFixed(2)})`,
  );
  x.free();
  y.free();
  say(
    `telemetry of the last cold sample: ${JSON.stringify({ smClockMHz: cold.last.smClockMHz, throttled: cold.last.throttled, reasons: cold.last.throttleReasons, temperatureC: cold.last.temperatureC, powerW: cold.last.powerW, memoryUsedBytes: cold.last.memoryUsedBytes, notes: cold.last.notes })}`,
  );
}

try {
  await main();
} finally {
  out.verdicts = verdicts;
  const dir = process.env.OUT || join(process.cwd(), '.cyclebench', 'gpu-check');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'gpu-check.json'), JSON.stringify(out, null, 2));
  say(`\n${verdicts.length ? verdicts.join('\n') : 'no verdicts'}\nwrote ${join(dir, 'gpu-check.json')}`);
}
