/**
 * What runSuite (src/engine/run-suite.ts) itself does around the tasks, in this process and mostly on
 * skipped benchmarks (no measuring): the progress `start` event (how many results, the time estimate),
 * the task filter (tasks it keeps nothing of are dropped), `file` paths made relative to the working
 * directory, the run context closed even when the run throws, and the envelope's mode. Written
 * against mutation survivors: no other in-process test listens to progress or sets a file.
 */
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Suite, doNotOptimize } from '../../src/index.js';
import { setCurrentFile } from '../../src/engine/registry.js';
import type { ProgressEvent } from '../../src/engine/options.js';
import { FAST } from './helpers.js';

const skip = 'not measured here';

afterEach(() => setCurrentFile(undefined));

/** Runs `s` with FAST budgets and `options`, collecting its progress events. */
async function runWithEvents(s: Suite, options: { filter?: string | RegExp } = {}) {
  const events: ProgressEvent[] = [];
  const run = await s.run({ ...FAST, ...options, onProgress: (e) => events.push(e) });
  return { run, events };
}

describe('the start event', () => {
  it('comes first, with the number of results and (warm-up + budget) per result as the estimate', async () => {
    const s = new Suite();
    s.add('sized', () => 1, { args: { n: [1, 2, 3] }, skip });
    s.group('codec', { baseline: 'json' }, () => {
      s.add('json', () => 1, { skip });
      s.add('msgpack', () => 1, { skip });
    });
    s.add('real', () => doNotOptimize(Math.sqrt(2)), { samples: 3 });
    const { run, events } = await runWithEvents(s);
    // 3 points + 2 contenders + 1 benchmark; FAST: warm-up 60 ms + budget 150 ms each.
    expect(events[0]).toEqual({ type: 'start', total: 6, estimateMs: 6 * 210 });
    expect(events.filter((e) => e.type === 'start')).toHaveLength(1);
    const done = events.flatMap((e) => (e.type === 'done' ? [`${e.id} ${e.index}/${e.total} ${e.status}`] : []));
    expect(done).toEqual([
      'sized[n=1] 0/6 skipped',
      'sized[n=2] 1/6 skipped',
      'sized[n=3] 2/6 skipped',
      'codec/json 3/6 skipped',
      'codec/msgpack 4/6 skipped',
      'real 5/6 ok',
    ]);
    expect(run.benchmarks).toHaveLength(6);
  });

  it('announces 0 results and 0 ms for an empty suite', async () => {
    const { run, events } = await runWithEvents(new Suite());
    expect(events).toEqual([{ type: 'start', total: 0, estimateMs: 0 }]);
    expect(run.benchmarks).toEqual([]);
  });
});

describe('the filter', () => {
  /** A benchmark over two sizes, a lone benchmark, and a group with a baseline: all skipped. */
  function suite(): Suite {
    const s = new Suite();
    s.add('parse', () => 1, { args: { size: [1, 2] }, skip });
    s.add('render', () => 1, { skip });
    s.group('codec', { baseline: 'json' }, () => {
      s.add('json', () => 1, { skip });
      s.add('msgpack', () => 1, { skip });
    });
    return s;
  }
  const ids = (r: { benchmarks: { id: string }[] }) => r.benchmarks.map((b) => b.id);

  it('drops the tasks it keeps nothing of, and counts only what it keeps', async () => {
    const { run, events } = await runWithEvents(suite(), { filter: 'parse' });
    expect(ids(run)).toEqual(['parse[size=1]', 'parse[size=2]']);
    expect(events[0]).toEqual({ type: 'start', total: 2, estimateMs: 2 * 210 });
  });

  it("keeps a group's baseline beside the contender it matches", async () => {
    const { run, events } = await runWithEvents(suite(), { filter: 'msgpack' });
    expect(ids(run)).toEqual(['codec/json', 'codec/msgpack']);
    expect(events[0]).toMatchObject({ type: 'start', total: 2 });
  });

  it("counts a benchmark's matching argument points only (regular expression)", async () => {
    const { run, events } = await runWithEvents(suite(), { filter: /size=2|render/ });
    expect(ids(run)).toEqual(['parse[size=2]', 'render']);
    expect(events[0]).toMatchObject({ type: 'start', total: 2 });
  });

  it('runs nothing when nothing matches', async () => {
    const { run, events } = await runWithEvents(suite(), { filter: 'no such benchmark' });
    expect(run.benchmarks).toEqual([]);
    expect(events).toEqual([{ type: 'start', total: 0, estimateMs: 0 }]);
  });
});

describe('result files', () => {
  it('are relative to the working directory; the directory itself and no file stay as they are', async () => {
    const cwd = process.cwd();
    const s = new Suite();
    setCurrentFile(join(cwd, 'bench', 'parse.bench.ts'));
    s.add('inside', () => 1, { skip });
    setCurrentFile(join(dirname(cwd), 'elsewhere.bench.ts'));
    s.add('outside', () => 1, { skip });
    setCurrentFile(cwd); // relative() gives '': the absolute path is kept rather than an empty one
    s.add('cwd', () => 1, { skip });
    setCurrentFile(undefined);
    s.add('inline', () => 1, { skip });
    const run = await s.run(FAST);
    expect(run.benchmarks.map((b) => b.file)).toEqual([join('bench', 'parse.bench.ts'), join('..', 'elsewhere.bench.ts'), cwd, undefined]);
  });
});

describe('the run context', () => {
  /** What the run's fault watch installs while it is open: an unhandledRejection listener and its own process.exit. */
  const watchState = () => ({ exit: process.exit, rejectionListeners: process.listenerCount('unhandledRejection') });

  it('is closed after the run: process.exit and the rejection listeners are as before', async () => {
    const before = watchState();
    let during: ReturnType<typeof watchState> | undefined;
    const s = new Suite();
    s.add('x', () => 1, { skip });
    await s.run({ ...FAST, onProgress: (e) => void (e.type === 'bench' && (during = watchState())) });
    expect(during!.exit).not.toBe(before.exit);
    expect(during!.rejectionListeners).toBe(before.rejectionListeners + 1);
    expect(watchState()).toEqual(before);
  });

  it.each(['start', 'bench'] as const)('is closed when the progress listener throws on the %s event', async (type) => {
    const before = watchState();
    const s = new Suite();
    s.add('x', () => 1, { skip });
    const failing = s.run({
      ...FAST,
      onProgress: (e) => {
        if (e.type === type) throw new Error('the progress display failed');
      },
    });
    await expect(failing).rejects.toThrow('the progress display failed');
    expect(watchState()).toEqual(before);
  });
});

describe('the envelope', () => {
  it('is a time-mode run with the tag', async () => {
    const s = new Suite();
    s.add('x', () => 1, { skip });
    const run = await s.run({ ...FAST, tag: 'before' });
    expect(run).toMatchObject({ mode: 'time', tag: 'before', groups: [], complexity: [] });
    expect(run.benchmarks.map((b) => `${b.id} ${b.status} ${b.skipReason}`)).toEqual([`x skipped ${skip}`]);
  });
});
