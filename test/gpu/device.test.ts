// Needs a CUDA device (skipped with the reason elsewhere). Behaviour only: timing thresholds live in
// bench/gpu/check.ts, never here.
import { afterAll, describe, expect, it } from 'vitest';
import { CycleBenchError } from '../../src/errors.js';
import { loadNative } from '../../src/native/load.js';
import {
  alloc,
  arg,
  compile,
  createGpuSampler,
  createStream,
  cudaCapability,
  EventTimer,
  loadModule,
  measureSmClock,
  memoryInfo,
  sampleGpu,
  scaling,
  synchronize,
  time,
  type DeviceBuffer,
} from '../../src/gpu/index.js';

const cap = cudaCapability();
if (!cap.available) console.log(`[skip] GPU device tests: ${cap.reason}`);
const nvrtc = cap.nvrtc.available;
if (cap.available && !nvrtc) console.log(`[skip] GPU kernels from NVRTC: ${cap.nvrtc.reason}`);

// The built-in spin kernel, through the raw binding (the calibration path check.ts uses too).
const g = loadNative().addon?.gpu as { spin(d: number, s: bigint, ns: number, count?: number): void } | undefined;
const spin = (ns: number, stream = 0n, count = 1) => g!.spin(0, stream, ns, count);

describe.skipIf(!cap.available)('GPU timing on a device', () => {
  const buffers: DeviceBuffer[] = [];
  afterAll(() => buffers.forEach((b) => b.free()));

  it('describes its devices', () => {
    const d = cap.devices[0];
    console.log(`[info] device 0: ${d.name} cc ${d.computeCapability}, ${d.smCount} SMs, L2 ${d.l2Bytes} B, ${d.memoryBytes} B`);
    expect(d.smCount).toBeGreaterThan(0);
    expect(d.l2Bytes).toBeGreaterThan(0);
    expect(cap.driver.version).toMatch(/^\d+\.\d+$/);
  });

  it('times a spin kernel with events (GPU time is positive and grows with the spin)', async () => {
    const short = await time(() => spin(20_000));
    const long = await time(() => spin(200_000));
    expect(short).toBeGreaterThan(0);
    expect(long).toBeGreaterThan(short);
  });

  it('reuses one event timer for many samples', () => {
    const t = new EventTimer();
    for (let i = 0; i < 5; i++) {
      t.start();
      spin(10_000);
      t.stop();
      expect(t.elapsedNs()).toBeGreaterThan(0);
    }
    expect(() => new EventTimer().elapsedNs()).toThrow(/before timer.stop/);
  });

  it('times on a given stream', async () => {
    const s = createStream();
    try {
      const ns = await time((ctx) => spin(50_000, ctx.stream), { stream: s });
      expect(ns).toBeGreaterThan(0);
    } finally {
      s.destroy();
    }
  });

  it('copies typed arrays to the device and back', () => {
    const a = alloc(4096);
    buffers.push(a);
    const src = Float32Array.from({ length: 1024 }, (_, i) => i * 0.5);
    a.copyFrom(src);
    const back = a.copyTo(new Float32Array(1024));
    expect([...back]).toEqual([...src]);
    a.fill(0);
    expect(a.copyTo(new Uint8Array(16)).every((b) => b === 0)).toBe(true);
    expect(() => a.copyFrom(new Uint8Array(8192))).toThrow(/overrun/);
  });

  it('takes cold, hot and graph samples', async () => {
    for (const mode of ['cold', 'hot', 'graph'] as const) {
      const s = await sampleGpu((ctx) => spin(20_000, ctx.stream), { mode, iterations: 4 });
      console.log(`[info] ${mode}: ${s.gpuNs.toFixed(0)} ns/iter, latency hidden ${s.launchLatencyHidden}, notes ${s.notes.join('; ')}`);
      expect(s.mode).toBe(mode);
      expect(s.iterations).toBe(4);
      expect(s.gpuNs).toBeGreaterThan(0);
      expect(s.totalGpuNs).toBeCloseTo(s.gpuNs * 4, 3);
      expect(typeof s.throttled).toBe('boolean');
      expect(s.memoryUsedBytes).toBeGreaterThan(0);
    }
  });

  it('a sampler is reusable and graph mode refuses work outside the capture stream', async () => {
    const sampler = createGpuSampler((ctx) => spin(5_000, ctx.stream), { mode: 'graph' });
    try {
      for (let i = 0; i < 3; i++) expect((await sampler.sample(10)).gpuNs).toBeGreaterThan(0);
    } finally {
      sampler.dispose();
    }
    await expect(sampleGpu(() => {}, { mode: 'graph' })).rejects.toThrow(/captured no work/);
  });

  it('flags a cold sample whose work synchronises (the blocking kernel times out) and still returns', async () => {
    const quiet = await sampleGpu(() => {
      spin(1000);
      memoryInfo(); // does not synchronise: fine
    });
    expect(quiet.launchLatencyHidden).toBe(true);
    const s = await sampleGpu(
      () => {
        spin(1000);
        synchronize(0); // waits for the blocking kernel, which gives up after 200 ms
      },
      { mode: 'cold', blockTimeoutMs: 200 },
    );
    expect(s.launchLatencyHidden).toBe(false);
    expect(s.notes.join(' ')).toMatch(/timed out/);
  });

  it('records per-kernel times with CUPTI, or says why not', async () => {
    const s = await sampleGpu((ctx) => spin(30_000, ctx.stream, 3), { mode: 'hot', kernels: true });
    if (s.kernelsUnavailable) {
      console.log(`[info] CUPTI: ${s.kernelsUnavailable}`);
      expect(s.notes.join(' ')).toMatch(/events only/);
    } else {
      const names = s.kernels!.map((k) => k.name);
      expect(names).toEqual(['cb_spin_ns', 'cb_spin_ns', 'cb_spin_ns']);
      expect(s.kernels!.every((k) => k.durationNs > 0)).toBe(true);
      expect(s.kernelSummary![0]).toMatchObject({ name: 'cb_spin_ns', count: 3 });
    }
  });

  it('measures the SM clock from clock64 against globaltimer', () => {
    const c = measureSmClock(0, 200_000);
    console.log(`[info] SM clock ${c.smClockMHz.toFixed(0)} MHz`);
    expect(c.smClockMHz).toBeGreaterThan(100);
  });

  it('reports an unknown device as E_GPU', () => {
    expect(() => new EventTimer({ device: 999 })).toThrow(CycleBenchError);
  });

  it('runs a scaling table over the available devices', async () => {
    const { rows, table } = await scaling((device) => () => g!.spin(device, 0n, 50_000), { samples: 3 });
    console.log(table);
    expect(rows[0].devices).toBe(1);
    expect(rows[0].speedup).toBeCloseTo(1, 12);
  });

  describe.skipIf(!nvrtc)('kernels from TypeScript', () => {
    it('compiles, loads and launches saxpy with typed arguments', () => {
      const prog = compile(
        'extern "C" __global__ void saxpy(float a, const float* x, float* y, int n) {\n' +
          '  int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) y[i] = a * x[i] + y[i]; }',
        { name: 'saxpy.cu' },
      );
      const mod = loadModule(prog);
      const n = 1000;
      const x = alloc(n * 4).copyFrom(Float32Array.from({ length: n }, (_, i) => i));
      const y = alloc(n * 4).copyFrom(new Float32Array(n).fill(1));
      buffers.push(x, y);
      mod.kernel('saxpy').launch({ grid: Math.ceil(n / 256), block: 256, args: [arg.f32(2), x, y, arg.i32(n)] });
      const out = y.copyTo(new Float32Array(n));
      expect(out[0]).toBe(1);
      expect(out[999]).toBe(2 * 999 + 1);
      mod.unload();
    });
  });
});
