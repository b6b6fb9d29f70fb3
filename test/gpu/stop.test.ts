import { describe, expect, it } from 'vitest';
import {
  busyNs,
  classifyThrottle,
  defaultCounts,
  formatScalingTable,
  gpuIterationsPerSample,
  gpuShouldStop,
  gpuStopRule,
  kernelRecords,
  MAX_BLOCKED_LAUNCHES,
  relativeNoise,
  scalingRows,
  summarizeKernels,
} from '../../src/gpu/index.js';

describe('GPU stopping rule', () => {
  it('defaults to nvbench: 0.5% noise, 10 samples, 0.5 s GPU time, 15 s timeout', () => {
    expect(gpuStopRule).toMatchObject({ maxRelativeNoise: 0.005, minSamples: 10, minGpuTimeNs: 0.5e9, timeoutMs: 15_000 });
  });

  it('relative noise is the sample standard deviation over the mean', () => {
    // mean 10, sample variance ((1)^2 + 0 + (1)^2) / 2 = 1
    expect(relativeNoise([9, 10, 11])).toBeCloseTo(0.1, 12);
    expect(relativeNoise([5])).toBe(Infinity);
  });

  it('stops on precision only with enough samples and GPU time', () => {
    const quiet = Array.from({ length: 20 }, (_, i) => 1000 + (i % 2));
    expect(gpuShouldStop({ samplesNs: quiet, totalGpuNs: 1e9, elapsedMs: 10 })).toMatchObject({ stop: true, reason: 'precision' });
    expect(gpuShouldStop({ samplesNs: quiet, totalGpuNs: 1e8, elapsedMs: 10 }).stop).toBe(false);
    expect(gpuShouldStop({ samplesNs: quiet.slice(0, 5), totalGpuNs: 1e9, elapsedMs: 10 }).stop).toBe(false);
    const noisy = Array.from({ length: 20 }, (_, i) => 1000 + (i % 2) * 100);
    expect(gpuShouldStop({ samplesNs: noisy, totalGpuNs: 1e9, elapsedMs: 10 }).stop).toBe(false);
    expect(gpuShouldStop({ samplesNs: noisy, totalGpuNs: 1e9, elapsedMs: 15_000 })).toMatchObject({ stop: true, reason: 'budget' });
    expect(gpuShouldStop({ samplesNs: noisy, totalGpuNs: 1e9, elapsedMs: 1 }, { ...gpuStopRule, maxSamples: 20 })).toMatchObject({
      stop: true,
      reason: 'max-samples',
    });
  });

  it('sizes samples per mode', () => {
    expect(gpuIterationsPerSample('cold', 10)).toBe(1);
    expect(gpuIterationsPerSample('hot', 1e3)).toBe(MAX_BLOCKED_LAUNCHES);
    expect(gpuIterationsPerSample('hot', 1e5)).toBe(10);
    expect(gpuIterationsPerSample('graph', 1e3)).toBe(1000);
  });
});

describe('throttle classification', () => {
  it('ignores idle and application-clock reasons; flags power and thermal caps', () => {
    expect(classifyThrottle({ throttleReasons: 0x1 | 0x2, throttleNames: 'gpu_idle,applications_clocks_setting' }).throttled).toBe(false);
    expect(classifyThrottle({ throttleReasons: 0x4, throttleNames: 'sw_power_cap' })).toEqual({
      throttled: true,
      reasons: ['sw_power_cap'],
    });
    expect(classifyThrottle({ throttleReasons: 0x40 | 0x1, throttleNames: 'gpu_idle,hw_thermal_slowdown' }).reasons).toEqual([
      'hw_thermal_slowdown',
    ]);
  });

  it('flags a clock well under the default application clock unless idle', () => {
    expect(classifyThrottle({ smClockMHz: 1200, smClockDefaultMHz: 1755, throttleReasons: 0 }).throttled).toBe(true);
    expect(classifyThrottle({ smClockMHz: 1700, smClockDefaultMHz: 1755, throttleReasons: 0 }).throttled).toBe(false);
    expect(classifyThrottle({ smClockMHz: 345, smClockDefaultMHz: 1755, throttleReasons: 0x1 }).throttled).toBe(false);
    expect(classifyThrottle({}).throttled).toBe(false);
  });
});

describe('kernel records', () => {
  const rec = (name: string, startNs: number, endNs: number) => ({
    name,
    startNs,
    endNs,
    device: 0,
    context: 1,
    stream: 7,
    correlationId: 1,
    grid: [1, 1, 1] as [number, number, number],
    block: [32, 1, 1] as [number, number, number],
    dynamicSharedBytes: 0,
  });

  it('drops cyclebench kernels, sorts by start and summarises per name', () => {
    const records = kernelRecords([rec('b', 300, 400), rec('cb_block_until', 0, 1000), rec('a', 100, 150), rec('a', 150, 250)]);
    expect(records.map((r) => r.name)).toEqual(['a', 'a', 'b']);
    expect(summarizeKernels(records)).toEqual([
      { name: 'a', count: 2, totalNs: 150, meanNs: 75, minNs: 50, maxNs: 100 },
      { name: 'b', count: 1, totalNs: 100, meanNs: 100, minNs: 100, maxNs: 100 },
    ]);
  });

  it('counts overlapping kernels once in busy time', () => {
    const records = kernelRecords([rec('x', 0, 100), rec('y', 50, 150), rec('z', 200, 250)]);
    expect(busyNs(records)).toBe(200);
    expect(busyNs([])).toBe(0);
  });
});

describe('scaling table', () => {
  it('computes speed-up and efficiency against one device', () => {
    const rows = scalingRows([
      { devices: 2, timeNs: 520 },
      { devices: 1, timeNs: 1000 },
      { devices: 4, timeNs: 280 },
    ]);
    expect(rows.map((r) => r.devices)).toEqual([1, 2, 4]);
    expect(rows[1].speedup).toBeCloseTo(1000 / 520, 12);
    expect(rows[2].efficiency).toBeCloseTo(1000 / 280 / 4, 12);
    const table = formatScalingTable(rows);
    expect(table.split('\n')).toHaveLength(5);
    expect(table).toMatch(/speed-up\s+efficiency/);
    expect(table).toContain('3.57x');
  });

  it('tries powers of two and the full count', () => {
    expect(defaultCounts(1)).toEqual([1]);
    expect(defaultCounts(6)).toEqual([1, 2, 4, 6]);
    expect(defaultCounts(8)).toEqual([1, 2, 4, 8]);
  });
});
