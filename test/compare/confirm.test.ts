import { describe, expect, it } from 'vitest';
import { compareRuns, confirmRegressions, DEFAULT_POLICY, evaluateRun, type Policy } from '../../src/compare/index.js';
import type { RunResult } from '../../src/result/types.js';
import { bench, makeRun, runOf } from './fixtures.js';

const policy = (p: Partial<Policy>): Policy => ({ ...DEFAULT_POLICY, ...p });

describe('confirmation re-runs', () => {
  const base = makeRun(1);
  const suspect = makeRun(2, { slow: { parse: 1.1, 'db/query': 1.1 } });

  it('re-runs only the suspects and keeps a regression that reproduces every time', async () => {
    const calls: string[][] = [];
    let seed = 10;
    const rerun = async (ids: string[]): Promise<RunResult> => {
      calls.push(ids);
      return makeRun(seed++, { only: ids, slow: { parse: 1.1 } }); // db/query was a fluke
    };
    const p = policy({ confirm: 2 });
    const { comparison, report } = await confirmRegressions(compareRuns(base, suspect, p), base, rerun, p);
    expect(calls[0].sort()).toEqual(['db/query', 'parse']);
    expect(calls[1]).toEqual(['parse']); // under 'all', one miss dismisses: no second re-run
    expect(comparison.regressions).toEqual(['parse']);
    expect(report!.dismissed).toEqual(['db/query']);
    const dq = comparison.benchmarks.find((b) => b.id === 'db/query')!;
    expect(dq.regression).toBe(false);
    expect(dq.message).toMatch(/not confirmed in 0 of 1 re-run/);
  });

  it("'majority' keeps a regression seen in 2 of 3", async () => {
    let k = 0;
    const rerun = async (ids: string[]) => makeRun(20 + k, { only: ids, slow: k++ === 1 ? {} : { parse: 1.1 } });
    const p = policy({ confirm: 3, confirmRule: 'majority' });
    const s = makeRun(2, { slow: { parse: 1.1 } });
    const { comparison } = await confirmRegressions(compareRuns(base, s, p), base, rerun, p);
    expect(comparison.regressions).toEqual(['parse']);
    expect(comparison.benchmarks[0].confirmation).toMatchObject({ reproduced: 2, runs: 3, confirmed: true });
  });

  it('evaluateRun: an unconfirmed regression exits 0', async () => {
    const rerun = async (ids: string[]) => makeRun(30, { only: ids });
    const r = await evaluateRun(suspect, policy({ confirm: 1 }), { base, rerun });
    expect(r.exitCode).toBe(0);
    expect(r.confirmation!.dismissed.sort()).toEqual(['db/query', 'parse']);
  });

  it('does nothing without suspects or with confirm 0', async () => {
    const rerun = async () => {
      throw new Error('must not be called');
    };
    const c = compareRuns(base, makeRun(3), policy({ confirm: 2 }));
    expect((await confirmRegressions(c, base, rerun, policy({ confirm: 2 }))).report).toBeNull();
    const c2 = compareRuns(base, suspect, policy({ confirm: 0 }));
    expect((await confirmRegressions(c2, base, rerun, policy({ confirm: 0 }))).comparison.regressions).toHaveLength(2);
  });
});

describe('confirmation over processes', () => {
  const p = policy({ confirm: 2, processNoise: 0.02 });
  const overProcesses = (medians: number[]) =>
    runOf([bench('sqrt', medians, { processes: { medians, betweenCV: 0, withinHalfWidth: 0 } })]);
  const base = overProcesses([100, 101, 99, 100.5, 99.5]);

  it("pools the re-runs' processes with the run's: evidence adds up, and the count is reported", async () => {
    const current = overProcesses([104.5, 105.5, 104, 105, 106]);
    // Each re-run alone is too noisy to clear the 2% band; pooled with the run's processes, it is.
    const noisy = [overProcesses([101, 109, 103, 108, 104]), overProcesses([108, 102, 107, 103, 105])];
    let k = 0;
    const alone = compareRuns(base, noisy[0], p).benchmarks[0];
    expect(alone.regression).toBe(false);
    const { comparison, report } = await confirmRegressions(compareRuns(base, current, p), base, async () => noisy[k++], p, current);
    expect(comparison.regressions).toEqual(['sqrt']);
    expect(report!.attempts.sqrt.map((a) => [a.processes, a.reproduced])).toEqual([
      [10, true],
      [15, true],
    ]);
    expect(noisy.map((r) => r.benchmarks[0].processes!.medians.length)).toEqual([5, 5]); // the re-runs' results are left as measured
  });

  it('a fluke of the run is diluted by fresh processes and dismissed', async () => {
    const fluke = overProcesses([104.5, 105.5, 104, 105, 106]);
    const same = () => overProcesses([100.2, 99.6, 100.8, 99.9, 100.4]);
    const { comparison, report } = await confirmRegressions(compareRuns(base, fluke, p), base, async () => same(), p, fluke);
    expect(comparison.regressions).toEqual([]);
    expect(report!.dismissed).toEqual(['sqrt']);
    expect(report!.attempts.sqrt[0].processes).toBe(10);
  });

  it('an unclear row (one process elsewhere, estimate past the band) is re-run and settled by pooled processes', async () => {
    const current = overProcesses([104.5, 105.5, 104, 95, 106]);
    const first = compareRuns(base, current, p).benchmarks[0];
    expect([first.verdict, first.regression, first.ratio! > 1.02]).toEqual(['inconclusive', false, true]);
    const calls: string[][] = [];
    const steady = async (ids: string[]) => (calls.push(ids), overProcesses([104.8, 105.2, 104.6, 105.4, 105]));
    const { comparison, report } = await confirmRegressions(compareRuns(base, current, p), base, steady, p, current);
    expect(calls).toEqual([['sqrt'], ['sqrt']]);
    expect(comparison.regressions).toEqual(['sqrt']);
    expect(report!.unclear).toEqual(['sqrt']);
    const row = comparison.benchmarks[0];
    expect([row.verdict, row.regression]).toEqual(['slower', true]);
    expect(row.ci![0]).toBeGreaterThan(1.02); // the pooled numbers, not the run's straddling interval
    expect(row.message).toMatch(/unclear, re-run 2 times: a regression, pooled over 15 processes/);
  });

  it('an unclear row that the re-runs do not make a regression stays unclear, and rows inside the band are not re-run', async () => {
    const current = overProcesses([104.5, 105.5, 104, 95, 106]);
    const same = async () => overProcesses([100.2, 99.6, 100.8, 99.9, 100.4]);
    const { comparison, report } = await confirmRegressions(compareRuns(base, current, p), base, same, p, current);
    expect(comparison.regressions).toEqual([]);
    expect(report!.dismissed).toEqual(['sqrt']);
    expect(comparison.benchmarks[0].message).toMatch(/not a regression in every re-run/);
    const near = overProcesses([101, 100.5, 99, 102, 100]); // estimate inside the 2% band
    let reran = false;
    const quiet = await confirmRegressions(compareRuns(base, near, p), base, async () => ((reran = true), near), p, near);
    expect([reran, quiet.report]).toEqual([false, null]);
  });

  it('without the current run, each re-run is judged on its own processes', async () => {
    const current = overProcesses([104.5, 105.5, 104, 105, 106]);
    const noisy = overProcesses([101, 109, 103, 108, 104]);
    const { comparison, report } = await confirmRegressions(compareRuns(base, current, p), base, async () => noisy, p);
    expect(comparison.regressions).toEqual([]);
    expect(report!.attempts.sqrt[0].processes).toBeUndefined();
  });
});

describe('a re-run that does not measure a suspect', () => {
  const base = makeRun(1);
  const suspect = makeRun(2, { slow: { parse: 1.1 } });
  const p = policy({ confirm: 2 });

  it('is an error of the tool (E_RERUN), never a dismissal', async () => {
    const measuredNothing = async (): Promise<RunResult> => ({ ...makeRun(3), benchmarks: [] });
    await expect(confirmRegressions(compareRuns(base, suspect, p), base, measuredNothing, p)).rejects.toMatchObject({ code: 'E_RERUN' });
    const lostOne = async (ids: string[]) => makeRun(4, { only: ids.filter((id) => id !== 'parse') });
    await expect(confirmRegressions(compareRuns(base, suspect, p), base, lostOne, p)).rejects.toThrow(/did not measure parse/);
  });

  it('that errored is reported as errored (exit 5), neither confirmed nor dismissed', async () => {
    const errored = async (ids: string[]): Promise<RunResult> => {
      const r = makeRun(5, { only: ids });
      r.benchmarks = r.benchmarks.map((b) => ({
        ...b,
        status: 'error' as const,
        stats: undefined,
        samples: undefined,
        error: { name: 'Error', message: 'flaky' },
      }));
      return r;
    };
    const r = await evaluateRun(suspect, p, { base, rerun: errored });
    expect(r.exitCode).toBe(5);
    expect(r.confirmation!.errored).toEqual([{ id: 'parse', run: 1, message: 'error in confirmation re-run 1: flaky' }]);
    expect(r.confirmation!.dismissed).toEqual([]);
  });
});
