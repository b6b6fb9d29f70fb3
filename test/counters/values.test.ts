import { describe, expect, it } from 'vitest';
import { derived, perIteration, subtract, type EventLayout } from '../../src/counters/values.js';
import { resolveEventNames } from '../../src/counters/set.js';
import { COUNTER_EVENT_NAMES } from '../../src/counters/events.js';
import { CycleBenchError } from '../../src/errors.js';
import type { CounterValue } from '../../src/result/types.js';

// Layout: group 0 = [enabled, running, instructions, cycles]; group 1 = [enabled, running, page-faults].
const layout: EventLayout[] = [
  { name: 'instructions', available: true, enabledSlot: 0, runningSlot: 1, valueSlot: 2 },
  { name: 'cycles', available: true, enabledSlot: 0, runningSlot: 1, valueSlot: 3 },
  { name: 'page-faults', available: true, enabledSlot: 4, runningSlot: 5, valueSlot: 6 },
  { name: 'branches', available: false, reason: 'no hardware PMU (perf_event_open: ENOENT)' },
];

function expectNoZeroOrNaNForUnavailable(values: Record<string, CounterValue>): void {
  for (const v of Object.values(values)) {
    if (v.available) expect(Number.isFinite(v.value)).toBe(true);
    else {
      expect(v.reason.length).toBeGreaterThan(0);
      expect('value' in v).toBe(false);
    }
  }
}

describe('perIteration', () => {
  it('divides deltas by iterations when the group ran the whole time', () => {
    const before = Float64Array.from([100, 100, 1000, 2000, 50, 50, 7]);
    const after = Float64Array.from([1100, 1100, 5000, 10000, 150, 150, 17]);
    const v = perIteration(layout, before, after, 4);
    expect(v.instructions).toEqual({ available: true, value: 1000 });
    expect(v.cycles).toEqual({ available: true, value: 2000 });
    expect(v['page-faults']).toEqual({ available: true, value: 2.5 });
    expect(v.branches).toEqual({ available: false, reason: 'no hardware PMU (perf_event_open: ENOENT)' });
    expectNoZeroOrNaNForUnavailable(v);
  });

  it('scales multiplexed counts by enabled/running and flags them', () => {
    const before = Float64Array.from([0, 0, 0, 0, 0, 0, 0]);
    const after = Float64Array.from([1000, 250, 100, 400, 10, 10, 0]);
    const v = perIteration(layout, before, after, 1);
    expect(v.instructions).toEqual({ available: true, value: 400, scaled: true });
    expect(v.cycles).toEqual({ available: true, value: 1600, scaled: true });
    expect(v['page-faults']).toEqual({ available: true, value: 0 });
  });

  it('reports a group that never ran as unavailable, not 0', () => {
    const before = Float64Array.from([0, 0, 0, 0, 0, 0, 0]);
    const after = Float64Array.from([1000, 0, 0, 0, 10, 10, 3]);
    const v = perIteration(layout, before, after, 1);
    expect(v.instructions.available).toBe(false);
    expect(v.cycles.available).toBe(false);
    expect((v.cycles as { reason: string }).reason).toMatch(/multiplexed out/);
    expect(v['page-faults']).toEqual({ available: true, value: 3 });
    expectNoZeroOrNaNForUnavailable(v);
  });

  it('rejects non-positive iteration counts', () => {
    const z = new Float64Array(7);
    expect(() => perIteration(layout, z, z, 0)).toThrow(CycleBenchError);
    expect(() => perIteration(layout, z, z, Number.NaN)).toThrow(/positive/);
  });

  it('never turns an unread buffer (NaN) into a number', () => {
    const before = new Float64Array(7).fill(Number.NaN);
    const after = new Float64Array(7).fill(Number.NaN);
    const v = perIteration(layout, before, after, 1);
    expect(Object.values(v).every((x) => !x.available)).toBe(true);
    expectNoZeroOrNaNForUnavailable(v);
  });
});

describe('subtract', () => {
  it('removes the empty loop per event and keeps the scaled flag', () => {
    const m: Record<string, CounterValue> = {
      instructions: { available: true, value: 120, scaled: true },
      cycles: { available: true, value: 60 },
      branches: { available: false, reason: 'no PMU' },
      'page-faults': { available: true, value: 1 },
    };
    const o: Record<string, CounterValue> = {
      instructions: { available: true, value: 20 },
      cycles: { available: true, value: 10 },
      branches: { available: false, reason: 'no PMU' },
      'page-faults': { available: false, reason: 'not read' },
    };
    const r = subtract(m, o);
    expect(r.instructions).toEqual({ available: true, value: 100, scaled: true });
    expect(r.cycles).toEqual({ available: true, value: 50 });
    expect(r.branches).toEqual({ available: false, reason: 'no PMU' });
    expect(r['page-faults']).toEqual({ available: false, reason: 'empty-loop counts unavailable: not read' });
    expect(subtract({ cycles: { available: true, value: 1 } }, {}).cycles.available).toBe(false);
  });
});

describe('derived', () => {
  it('computes IPC, branch-miss and cache-miss rates when both inputs exist', () => {
    const d = derived({
      instructions: { available: true, value: 300 },
      cycles: { available: true, value: 100 },
      branches: { available: true, value: 50 },
      'branch-misses': { available: true, value: 5, scaled: true },
      'cache-references': { available: true, value: 10 },
      'cache-misses': { available: true, value: 1 },
    });
    expect(d.ipc).toEqual({ available: true, value: 3 });
    expect(d.branchMissRate).toEqual({ available: true, value: 0.1, scaled: true });
    expect(d.cacheMissRate).toEqual({ available: true, value: 0.1 });
  });

  it("is unavailable with the inputs' reasons otherwise, never NaN or Infinity", () => {
    const d = derived({
      instructions: { available: false, reason: 'no hardware PMU (perf_event_open: ENOENT)' },
      cycles: { available: true, value: 100 },
      branches: { available: true, value: 0 },
      'branch-misses': { available: true, value: 0 },
    });
    expect(d.ipc.available).toBe(false);
    expect((d.ipc as { reason: string }).reason).toMatch(/instructions: no hardware PMU/);
    expect(d.branchMissRate).toEqual({ available: false, reason: 'no branches counted' });
    expect((d.cacheMissRate as { reason: string }).reason).toMatch(/cache-misses: not measured/);
  });
});

describe('resolveEventNames', () => {
  it("expands 'default' to every event and validates names", () => {
    expect(resolveEventNames('default')).toEqual([...COUNTER_EVENT_NAMES]);
    expect(resolveEventNames(['page-faults', 'cycles'])).toEqual(['page-faults', 'cycles']);
    expect(() => resolveEventNames(['cycels'])).toThrow(/unknown counter event 'cycels'; known events: cycles/);
    expect(() => resolveEventNames(['cycles', 'cycles'])).toThrow(/twice/);
  });
});
