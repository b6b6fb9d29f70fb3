import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseCommand } from '../../src/cli/args.js';
import { finishGate, GATE_OPTIONS, prepareGate, type PreparedGate } from '../../src/cli/run-gate.js';
import type { Rerun } from '../../src/compare/confirm.js';
import { EXIT } from '../../src/compare/index.js';
import { appendHistory, historyEntry, saveLast, saveNamed, storePaths, writeResult } from '../../src/store/index.js';
import type { RunResult } from '../../src/result/types.js';
import { bench, captureIO, erroredBench, makeRun, runOf, samples } from '../compare/fixtures.js';

let cwd: string;
beforeEach(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-cli-'));
});
afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

type IO = ReturnType<typeof captureIO>['io'];

/** The gate half of `run` in-process, with a fake run handed in (the real CLI is tested in test/e2e). */
async function gate(argv: string[], io: IO): Promise<{ gate: PreparedGate; finish: (run: RunResult, rerun?: Rerun) => Promise<number> }> {
  const { values } = parseCommand('run', argv, { ...GATE_OPTIONS, filter: { type: 'string' }, json: { type: 'string' } });
  const g = await prepareGate(values, io);
  return {
    gate: g,
    finish: (run, rerun) =>
      finishGate(
        run,
        g,
        { rerun, hint: (id) => `cyclebench run --filter ${id} --profile`, inScope: () => true, shownRun: false, human: io.stdout },
        io,
      ),
  };
}

const compareCommand = (argv: string[], io: IO) => main(['compare', ...argv], io);
const baselineCommand = (argv: string[], io: IO) => main(['baseline', ...argv], io);
const historyCommand = (argv: string[], io: IO) => main(['history', ...argv], io);
const reportCommand = (argv: string[], io: IO) => main(['report', ...argv], io);
/** prepare's failure as an exit code, the way the CLI reports it. */
async function prepareExit(argv: string[], io: IO): Promise<number> {
  try {
    await gate(argv, io);
    return 0;
  } catch (err) {
    const { reportFailure } = await import('../../src/cli/main.js');
    return reportFailure('run', err, io);
  }
}

describe('cyclebench compare', () => {
  it('two runs of identical code: exit 0', async () => {
    writeResult(path.join(cwd, 'a.json'), makeRun(1));
    writeResult(path.join(cwd, 'b.json'), makeRun(2));
    const c = captureIO(cwd);
    expect(await compareCommand(['a.json', 'b.json'], c.io)).toBe(EXIT.OK);
    expect(c.stdout()).toContain('Result: OK: no regression (exit 0)');
  });

  it('an injected 10% slowdown: exit 1, named in the output with a profile hint', async () => {
    writeResult(path.join(cwd, 'a.json'), makeRun(1));
    writeResult(path.join(cwd, 'b.json'), makeRun(2, { slow: { 'db/insert': 1.1 } }));
    const c = captureIO(cwd);
    expect(await compareCommand(['a.json', 'b.json'], c.io)).toBe(EXIT.REGRESSION);
    expect(c.stdout()).toMatch(/db\/insert: \d+\.\d% slower \(CI \d+\.\d%\.\.\d+\.\d%, p[=<][0-9.]+\)/);
    expect(c.stdout()).toContain('cyclebench run --filter db/insert --profile');
  });

  it('before/after tags without naming: run --tag before, run --tag after, compare before after', async () => {
    const c = captureIO(cwd);
    expect(await (await gate(['--tag', 'before'], c.io)).finish(makeRun(1))).toBe(0);
    expect(await (await gate(['--tag=after'], c.io)).finish(makeRun(2, { slow: { parse: 1.1 } }))).toBe(0);
    expect(fs.existsSync(path.join(storePaths(cwd).tags, 'before.json'))).toBe(true);
    const d = captureIO(cwd);
    expect(await compareCommand(['before', 'after', '--json', 'verdict.json'], d.io)).toBe(EXIT.REGRESSION);
    const v = JSON.parse(fs.readFileSync(path.join(cwd, 'verdict.json'), 'utf8'));
    expect(v.regressions.map((r: { id: string }) => r.id)).toEqual(['parse']);
    expect(d.stdout()).toContain('tag before');
  });

  it('a reference regression: exit 2', async () => {
    fs.writeFileSync(
      path.join(cwd, 'cyclebench.config.json'),
      JSON.stringify({ references: [{ bench: 'db/query', against: { name: 'neo4j', value: '10ms' } }] }),
    );
    writeResult(path.join(cwd, 'a.json'), makeRun(1));
    writeResult(path.join(cwd, 'b.json'), makeRun(2));
    const c = captureIO(cwd);
    expect(await compareCommand(['a.json', 'b.json'], c.io)).toBe(EXIT.REFERENCE);
    expect(c.stdout()).toMatch(/FAIL\s+db\/query: 1\d\.\d ms vs reference \(neo4j\): 10 ms, \d+\.\d% slower/);
  });

  it('a missed target: exit 3, with a FAIL row and its margin', async () => {
    writeResult(path.join(cwd, 'a.json'), makeRun(1));
    writeResult(path.join(cwd, 'b.json'), makeRun(2));
    const c = captureIO(cwd);
    expect(await compareCommand(['a.json', 'b.json', '--target', 'parse: median < 10us'], c.io)).toBe(EXIT.TARGET);
    expect(c.stdout()).toMatch(/parse\s+median < 10us\s+12\.0 µs\s+FAIL\s+(19|20)\.\d% over target/);
  });

  it('a corrupt baseline: a clear error naming it, exit 4, and the file byte-for-byte unchanged', async () => {
    const file = path.join(storePaths(cwd).baselines, 'main.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const bytes = Buffer.from(JSON.stringify(makeRun(1)).slice(0, 500));
    fs.writeFileSync(file, bytes);
    saveLast(cwd, makeRun(2));
    const c = captureIO(cwd);
    expect(await compareCommand(['main', 'last'], c.io)).toBe(EXIT.USAGE);
    expect(c.stderr()).toContain(file);
    expect(c.stderr()).toContain('E_CORRUPT_FILE');
    // saving over it refuses too
    const s = captureIO(cwd);
    expect(await baselineCommand(['save', 'main'], s.io)).toBe(EXIT.USAGE);
    expect(s.stderr()).toMatch(/not changed/);
    // and so does run --save-baseline, after measuring
    const r = captureIO(cwd);
    await expect((await gate(['--save-baseline', 'main'], r.io)).finish(makeRun(3))).rejects.toThrow(
      /not changed|E_CORRUPT_FILE|cannot be read/,
    );
    // and run --baseline fails before measuring
    expect(await prepareExit(['--baseline', 'main'], captureIO(cwd).io)).toBe(EXIT.USAGE);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('unknown reference: E_NOT_FOUND listing what exists', async () => {
    saveNamed(cwd, 'baseline', 'main', makeRun(1));
    const c = captureIO(cwd);
    expect(await compareCommand(['nope', 'main'], c.io)).toBe(EXIT.USAGE);
    expect(c.stderr()).toMatch(/baselines: main/);
    expect(await compareCommand(['--noise', 'x', 'main', 'main'], captureIO(cwd).io)).toBe(EXIT.USAGE);
    expect(await compareCommand(['--bogus', 'main'], captureIO(cwd).io)).toBe(EXIT.USAGE);
  });

  it('--json - prints only JSON on stdout; markdown goes to the file and $GITHUB_STEP_SUMMARY', async () => {
    writeResult(path.join(cwd, 'a.json'), makeRun(1));
    writeResult(path.join(cwd, 'b.json'), makeRun(2, { env: { runtime: { node: 'v22.0.0', v8: '12', execArgv: [] } } }));
    const summary = path.join(cwd, 'summary.md');
    const c = captureIO(cwd, { GITHUB_STEP_SUMMARY: summary });
    expect(await compareCommand(['a.json', 'b.json', '--json', '-', '--markdown', 'pr.md'], c.io)).toBe(0);
    const j = JSON.parse(c.stdout());
    expect(j.environmentWarnings[0]).toMatch(/Node major version differs/);
    expect(c.stderr()).toContain('ENVIRONMENT MISMATCH');
    expect(fs.readFileSync(path.join(cwd, 'pr.md'), 'utf8')).toContain('> [!WARNING]');
    expect(fs.readFileSync(summary, 'utf8')).toContain('## cyclebench');
  });

  it('summary-only comparison is labelled', async () => {
    writeResult(path.join(cwd, 'a.json'), makeRun(1, { dropSamples: true }));
    writeResult(path.join(cwd, 'b.json'), makeRun(2));
    const c = captureIO(cwd);
    await compareCommand(['a.json', 'b.json'], c.io);
    expect(c.stdout()).toMatch(/Summary-only comparison \(raw samples missing\)/);
    expect(c.stdout()).toContain('n/a (summary-only)');
  });
});

describe('cyclebench run integration', () => {
  it('--baseline with confirmation re-runs through the callback; --save-baseline after comparing; --history', async () => {
    saveNamed(cwd, 'baseline', 'main', makeRun(1));
    const c = captureIO(cwd);
    const p = await gate(['--baseline', 'main', '--save-baseline', 'main', '--history', '--markdown', 'out.md'], c.io);
    const asked: string[][] = [];
    const rerun = async (ids: string[]): Promise<RunResult> => {
      asked.push(ids);
      return makeRun(10 + asked.length, { only: ids, slow: { parse: 1.1 } });
    };
    const code = await p.finish(makeRun(2, { slow: { parse: 1.1 } }), rerun);
    expect(code).toBe(EXIT.REGRESSION);
    expect(asked).toEqual([['parse'], ['parse']]); // confirm: 2 by default, all must reproduce
    expect(c.stdout()).toContain('Confirmation in fresh processes: up to 2 re-runs');
    expect(c.stdout()).toMatch(/parse: re-run 1: \+\d+\.\d%, CI [0-9.%]+\.\.[0-9.%]+, p[=<][0-9.]+, reproduced; re-run 2: /);
    expect(c.stdout()).toMatch(/confirmed in 2 of 2 re-runs/);
    expect(fs.readFileSync(path.join(cwd, 'out.md'), 'utf8')).toMatch(/REGRESSION[\s\S]*re-run 2/);
    expect(fs.readFileSync(storePaths(cwd).history, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(fs.existsSync(storePaths(cwd).last)).toBe(true);
    // the baseline now holds the new run
    const again = captureIO(cwd);
    expect(await compareCommand(['main', 'last'], again.io)).toBe(0);
  });

  it('an errored benchmark: exit 5', async () => {
    const c = captureIO(cwd);
    expect(await (await gate([], c.io)).finish(runOf([bench('a', samples(100, 20, 1)), erroredBench('b', 'kaboom')]))).toBe(
      EXIT.BENCH_ERROR,
    );
    expect(c.stdout()).toContain('b: Error: kaboom');
  });

  it('refuses bad names before running', async () => {
    const c = captureIO(cwd);
    expect(await prepareExit(['--save-baseline', '../evil'], c.io)).toBe(EXIT.USAGE);
    expect(c.stderr()).toContain('E_BAD_NAME');
    expect(await prepareExit(['--tag', 'a/b'], captureIO(cwd).io)).toBe(EXIT.USAGE);
    expect(await prepareExit(['--baseline'], captureIO(cwd).io)).toBe(EXIT.USAGE);
  });
});

describe('cyclebench baseline', () => {
  it('save (from last or --from), list, show, rm', async () => {
    saveLast(cwd, makeRun(1));
    const c = captureIO(cwd);
    expect(await baselineCommand(['save', 'main'], c.io)).toBe(0);
    writeResult(path.join(cwd, 'r.json'), makeRun(2));
    expect(await baselineCommand(['save', 'other', '--from', 'r.json'], c.io)).toBe(0);
    const l = captureIO(cwd);
    expect(await baselineCommand(['list'], l.io)).toBe(0);
    expect(l.stdout()).toMatch(/main\s+2025-01-01T00:00:00.000Z\s+5\s+0123456789/);
    expect(l.stdout()).toContain('other');
    const s = captureIO(cwd);
    expect(await baselineCommand(['show', 'main', '--format', 'csv'], s.io)).toBe(0);
    expect(s.stdout().split('\n')[0]).toMatch(/^id,status/);
    expect(await baselineCommand(['rm', 'main'], c.io)).toBe(0);
    expect(fs.existsSync(path.join(storePaths(cwd).baselines, 'main.json'))).toBe(false);
  });

  it('a name with ../ is refused and nothing is written', async () => {
    saveLast(cwd, makeRun(1));
    const c = captureIO(cwd);
    expect(await baselineCommand(['save', '../escape'], c.io)).toBe(EXIT.USAGE);
    expect(c.stderr()).toContain('E_BAD_NAME');
    expect(await baselineCommand(['rm', '../../etc/passwd'], captureIO(cwd).io)).toBe(EXIT.USAGE);
    expect(fs.existsSync(path.join(cwd, '.cyclebench', 'escape.json'))).toBe(false);
    expect(fs.existsSync(storePaths(cwd).baselines)).toBe(false);
  });
});

describe('cyclebench report', () => {
  it.each(['console', 'markdown', 'json', 'csv'])('renders a saved result as %s', async (format) => {
    writeResult(path.join(cwd, 'r.json'), makeRun(1));
    const c = captureIO(cwd);
    expect(await reportCommand(['r.json', '--format', format], c.io)).toBe(0);
    expect(c.stdout()).toContain('db/query');
  });
  it('a bad format or missing file is exit 4', async () => {
    expect(await reportCommand(['nothing.json'], captureIO(cwd).io)).toBe(4);
    writeResult(path.join(cwd, 'r.json'), makeRun(1));
    expect(await reportCommand(['r.json', '--format', 'xml'], captureIO(cwd).io)).toBe(4);
  });
});

describe('cyclebench history', () => {
  function seed(levels: number[]) {
    levels.forEach((lvl, i) => {
      const e = historyEntry(runOf([bench('parse', samples(lvl, 30, i + 1, 0.005))]));
      appendHistory(cwd, { ...e, time: `2025-01-${String(i + 1).padStart(2, '0')}T00:00:00Z` });
    });
  }

  it('exit 1 when the latest runs show a step up, with trend, change point and projection', async () => {
    seed([...Array(15).fill(1000), ...Array(5).fill(1100)]);
    fs.appendFileSync(storePaths(cwd).history, '{"torn":');
    const c = captureIO(cwd);
    expect(await historyCommand(['--threshold', '2us'], c.io)).toBe(EXIT.REGRESSION);
    const out = c.stdout();
    expect(out).toMatch(/parse\s+20\s+1\.10 µs/);
    expect(out).toMatch(/run 16 \(\w+\): \+\d+\.\d%/);
    expect(out).toContain('median < 2us');
    expect(out).toMatch(/level rose/);
    expect(out).toMatch(/warning: skipped line 21 of history/);
  });

  it('exit 0 on a stable history; json output', async () => {
    seed(Array(12).fill(1000));
    const c = captureIO(cwd);
    expect(await historyCommand(['par', '--format', 'json'], c.io)).toBe(0);
    const j = JSON.parse(c.stdout());
    expect(j.series[0]).toMatchObject({ id: 'parse', regression: null });
    expect(j.series[0].trend.direction).toBe('flat');
  });

  it('empty history is not an error', async () => {
    const c = captureIO(cwd);
    expect(await historyCommand([], c.io)).toBe(0);
    expect(c.stdout()).toContain('No runs in history yet');
  });
});
