import { describe, expect, it } from 'vitest';
import { Suite, doNotOptimize } from '../../src/index.js';
import { loadNative } from '../../src/native/load.js';
import { countersCapability } from '../../src/counters/index.js';
import { addonGate } from './helpers.js';

const { addon, reason } = loadNative();
addonGate('counters in the engine'); // under CI=true a missing addon fails rather than skips
const caps = addon ? countersCapability() : undefined;
const taskClock = caps?.events.find((e) => e.name === 'task-clock');

function work(k: number): number {
  let s = 0;
  for (let i = 0; i < k; i++) s = (s + i * 7) & 0xffff;
  return s;
}

describe.skipIf(!taskClock?.available)(
  `counters in the engine (${taskClock?.available ? 'software events open' : (taskClock?.reason ?? reason)})`,
  () => {
    it('reports task-clock per iteration in line with the measured time', async () => {
      const s = new Suite();
      s.add('work', () => doNotOptimize(work(5000)));
      const r = (await s.run({ quiet: true, counters: ['task-clock', 'cycles'], maxTimeMs: 150, warmupMs: 60 })).benchmarks[0];
      const tc = r.counters!['task-clock'];
      expect(tc.available).toBe(true);
      if (tc.available) {
        // task-clock counts ns of CPU time per iteration; generous bounds around the wall-clock median.
        expect(tc.value).toBeGreaterThan(r.stats!.median * 0.3);
        expect(tc.value).toBeLessThan(r.stats!.median * 3);
      }
      const cycles = r.counters!.cycles;
      if (cycles.available) expect(cycles.value).toBeGreaterThan(0);
      else expect(cycles.reason).toMatch(/\S/);
      // Derived rates are present either as values or with the reason they cannot be computed: IPC
      // needs instructions, which were not asked for here.
      expect(r.counters!.ipc).toEqual({
        available: false,
        reason: expect.stringMatching(/^needs instructions and cycles \(instructions: not measured/),
      });
      for (const v of Object.values(r.counters!)) if (v.available) expect(Number.isFinite(v.value)).toBe(true);
    });
  },
);

describe('counters without the addon', () => {
  it('are reported unavailable with the reason, never as numbers', async () => {
    const { tryLoad } = await import('../../src/native/load.js');
    expect(tryLoad('0').addon).toBeNull();
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `
        import { Suite } from './src/index.ts';
        const s = new Suite();
        s.add('x', () => Math.sqrt(2), { samples: 5 });
        const r = await s.run({ quiet: true, counters: ['task-clock'], maxTimeMs: 50, warmupMs: 20 });
        console.log(JSON.stringify(r.benchmarks[0].counters));`,
      ],
      { env: { ...process.env, CYCLEBENCH_NATIVE: '0' }, encoding: 'utf8' },
    );
    const counters = JSON.parse(out.trim().split('\n').pop()!);
    expect(counters['task-clock']).toEqual({
      available: false,
      reason: expect.stringMatching(/addon is not loaded: disabled by CYCLEBENCH_NATIVE=0/),
    });
  });
});
