import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { valgrindCapability } from '../../src/counters/valgrind.js';
import { loadNative } from '../../src/native/load.js';
import { runInstructionMode } from '../../src/engine/instructions.js';
import { addonGate } from './helpers.js';

const cap = valgrindCapability();
const { addon, reason } = loadNative();
addonGate('instruction-count mode'); // under CI=true a missing addon fails rather than skips
const why = !cap.available ? cap.reason : !addon ? reason : 'valgrind and the addon are present';
const fixture = resolve(__dirname, '..', 'fixtures', 'instructions.bench.mjs');

describe.skipIf(!cap.available || !addon)(`instruction-count mode through the engine (${why})`, () => {
  it('gives identical counts run after run, 5% more for 5% more work, and skips async', async () => {
    const options = { iterations: 20, warmupCalls: 2000 };
    const [first, second] = [await runInstructionMode([fixture], options), await runInstructionMode([fixture], options)];
    expect(first.mode).toBe('instructions');
    const ids = first.benchmarks.map((b) => b.id);
    expect(ids).toEqual(['loops/k2000', 'loops/k2100', 'async']);
    for (let i = 0; i < 2; i++) {
      expect(first.benchmarks[i]).toMatchObject({ status: 'ok', unit: 'instructions', kind: 'instructions' });
      expect(second.benchmarks[i].stats!.median).toBe(first.benchmarks[i].stats!.median);
    }
    const [a, b] = first.benchmarks.map((x) => x.stats?.median ?? NaN);
    expect(b / a).toBeGreaterThan(1.04);
    expect(b / a).toBeLessThan(1.06);
    expect(first.groups[0].entries[0]).toMatchObject({ name: 'k2100', verdict: 'slower' });
    expect(first.benchmarks[2]).toMatchObject({ status: 'skipped', skipReason: expect.stringMatching(/synchronous benchmarks only/) });
  }, 240_000);
});
