// Without a GPU (our CI): every GPU entry point fails with a typed CycleBenchError carrying the
// reason, and the CPU side keeps working afterwards.
import { describe, expect, it } from 'vitest';
import { CycleBenchError } from '../../src/errors.js';
import { loadNative } from '../../src/native/load.js';
import {
  alloc,
  createGpuSampler,
  createStream,
  cudaCapability,
  EventTimer,
  loadModule,
  measureSmClock,
  memoryInfo,
  sampleGpu,
  scaling,
  time,
} from '../../src/gpu/index.js';

const native = loadNative();
const cap = cudaCapability();
if (cap.available) console.log('[skip] gpu unavailability: this machine has a GPU');
else if (!native.addon) console.log(`[skip] gpu unavailability (native part): the addon is not loaded: ${native.reason}`);

async function expectUnavailable(f: () => unknown): Promise<CycleBenchError> {
  let caught: unknown;
  try {
    await f();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(CycleBenchError);
  const e = caught as CycleBenchError;
  expect(e.code).toBe('E_CUDA_UNAVAILABLE');
  return e;
}

describe.skipIf(cap.available || !native.addon)('GPU calls without a GPU', () => {
  const reason = cap.available ? '' : cap.reason;

  it('time() throws E_CUDA_UNAVAILABLE with the driver reason', async () => {
    const e = await expectUnavailable(() => time(() => {}));
    expect(e.message).toContain(reason);
    expect(e.message).toMatch(/CUDA is unavailable/);
  });

  it('timers, samplers, memory, streams, modules, clocks and scaling all say why', async () => {
    await expectUnavailable(() => new EventTimer());
    await expectUnavailable(() => sampleGpu(() => {}, { mode: 'hot', iterations: 10 }));
    await expectUnavailable(() => createGpuSampler(() => {}, { mode: 'graph' }));
    await expectUnavailable(() => alloc(1024));
    await expectUnavailable(() => memoryInfo());
    await expectUnavailable(() => createStream());
    await expectUnavailable(() => loadModule('.version 7.0\n.target sm_70\n.address_size 64\n'));
    await expectUnavailable(() => measureSmClock());
    await expectUnavailable(() => scaling(() => () => {}));
  });

  it('the work function is never called when CUDA is unavailable', async () => {
    let calls = 0;
    await expectUnavailable(() => sampleGpu(() => void calls++));
    expect(calls).toBe(0);
  });

  it('the clock still works after failed GPU calls', async () => {
    await expectUnavailable(() => time(() => {}));
    const addon = native.addon!;
    const a = addon.now();
    const spun = addon.spinTicks(10_000);
    const b = addon.now();
    expect(spun).toBeGreaterThanOrEqual(10_000);
    expect(b).toBeGreaterThan(a);
    expect(addon.clockInfo().kind).toMatch(/tsc|cntvct|monotonic/);
  });

  it('the native error carries a code even when called directly', () => {
    const g = native.addon!.gpu as { alloc(d: number, b: number): bigint };
    try {
      g.alloc(0, 16);
      expect.unreachable();
    } catch (err) {
      expect((err as { code?: string }).code).toBe('E_CUDA_UNAVAILABLE');
      expect((err as Error).message).toMatch(/^cyclebench gpu: CUDA is unavailable: /);
    }
  });
});
