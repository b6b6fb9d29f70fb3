/** The shard plan: every task in exactly one shard, balanced longest-first, the same from the same inputs. */
import { describe, expect, it } from 'vitest';
import { lastDurations, parseShard, planShard, type ShardTask } from '../../src/cli/shard.js';
import type { HistoryEntry } from '../../src/store/history-file.js';

const tasks = (weights: number[]): ShardTask[] => weights.map((_, i) => ({ key: `bench:t${i}`, ids: [`t${i}`] }));
const durations = (weights: number[]) => new Map(weights.map((w, i) => [`t${i}`, w]));
const shares = (ts: ShardTask[], d: Map<string, number>, n: number) =>
  Array.from({ length: n }, (_, k) => planShard(ts, d, { index: k + 1, count: n }));

describe('planShard', () => {
  it('puts every task in exactly one shard, with the same plan fingerprint in each', () => {
    const ts = [...tasks([1, 1, 1, 1, 1]), { key: 'group:g', ids: ['g/a', 'g/b', 'g/c'] }];
    for (const n of [1, 2, 3, 4, 7]) {
      const all = shares(ts, new Map(), n);
      expect(all.flatMap((s) => s.ids).sort()).toEqual(ts.flatMap((t) => t.ids).sort());
      expect(new Set(all.map((s) => s.plan)).size).toBe(1);
      expect(all.find((s) => s.ids.includes('g/a'))!.ids).toEqual(expect.arrayContaining(['g/a', 'g/b', 'g/c']));
    }
  });

  it('by count without durations: a group of 3 weighs 3; shards beyond the tasks are empty', () => {
    const ts = [...tasks([0, 0]), { key: 'group:g', ids: ['g/a', 'g/b', 'g/c'] }];
    const [a, b] = shares(ts, new Map(), 2);
    expect(a.basis).toBe('count');
    expect([a.ids, b.ids]).toEqual([
      ['g/a', 'g/b', 'g/c'],
      ['t0', 't1'],
    ]);
    expect(planShard(ts, new Map(), { index: 5, count: 5 }).ids).toEqual([]);
  });

  it('by durations, longest first onto the lightest shard; ties by suite order and shard number', () => {
    const w = [5, 1, 4, 3, 3, 2];
    const [a, b] = shares(tasks(w), durations(w), 2);
    expect(a.basis).toBe('durations');
    // 5 -> A, 4 -> B, 3 -> B (7), 3 -> A (8), 2 -> B (9), 1 -> A (9)
    expect(a.ids).toEqual(['t0', 't1', 't4']);
    expect(b.ids).toEqual(['t2', 't3', 't5']);
    expect([a.weight, b.weight, a.suiteWeight]).toEqual([9, 9, 18]);
  });

  it('an unknown duration counts as the median of the known ones', () => {
    const d = new Map([
      ['t0', 10],
      ['t1', 30],
      ['t2', 20],
    ]); // t3 unknown: 20
    const [a] = shares(tasks([0, 0, 0, 0]), d, 2);
    expect(a.known).toBe(3);
    expect(a.total).toBe(4);
    expect(a.suiteWeight).toBe(80);
  });

  it('a different assignment has a different fingerprint', () => {
    const ts = tasks([1, 1, 1, 1]);
    expect(planShard(ts, durations([9, 1, 1, 1]), { index: 1, count: 2 }).plan).not.toBe(
      planShard(ts, new Map(), { index: 1, count: 2 }).plan,
    );
  });
});

describe('lastDurations and parseShard', () => {
  it("keeps each benchmark's latest recorded wall time, ignoring lines without one", () => {
    const e = (walls: Record<string, number | null | undefined>) =>
      ({
        benchmarks: Object.entries(walls).map(([id, wallMs]) => ({ id, ...(wallMs === undefined ? {} : { wallMs }) })),
      }) as unknown as HistoryEntry;
    expect([...lastDurations([e({ a: 5, b: 7 }), e({ a: 6, b: undefined }), e({ b: null })])]).toEqual([
      ['a', 6],
      ['b', 7],
    ]);
  });

  it('reads K/N and refuses anything else', () => {
    expect(parseShard(' 2/4 ')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/1', '2/1', '1/0', '-1/2', '1.5/2', 'x', '']) expect(() => parseShard(bad), bad).toThrow(/--shard takes K\/N/);
  });
});
