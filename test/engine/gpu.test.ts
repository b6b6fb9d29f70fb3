import { describe, expect, it } from 'vitest';
import { Suite, doNotOptimize } from '../../src/index.js';
import { cudaCapability } from '../../src/gpu/index.js';

const cuda = cudaCapability();

describe.skipIf(cuda.available)(`GPU benchmarks without a GPU (${cuda.available ? 'a GPU is present' : cuda.reason})`, () => {
  it('are skipped with the reason, and CPU benchmarks beside them still run', async () => {
    const s = new Suite();
    let called = false;
    s.add('kernel', () => void (called = true), { gpu: { mode: 'cold' } });
    s.add('cpu', () => doNotOptimize(Math.sqrt(2)), { samples: 5 });
    const r = await s.run({ quiet: true, maxTimeMs: 50, warmupMs: 20 });
    expect(r.benchmarks[0].status).toBe('skipped');
    expect(r.benchmarks[0].skipReason).toMatch(/needs a CUDA GPU: .+/);
    expect(r.benchmarks[0].stats).toBeUndefined();
    expect(r.benchmarks[0].kind).toBe('gpu'); // a skipped GPU benchmark is still a GPU benchmark
    expect(called).toBe(false);
    expect(r.benchmarks[1].status).toBe('ok');
  });
});
