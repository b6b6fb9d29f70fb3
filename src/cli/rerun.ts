/**
 * Confirmation re-runs in fresh processes: the CLI runs itself again, with the same files, node
 * flags, environment and measuring flags as the first run, filtered to the suspects, and hands back
 * the result file it wrote. A fresh process is the point: the ES module cache of this one would hand
 * back already-imported benchmark files that register nothing (the bug that made the gate pass every
 * regression), and a process-level fluke (JIT decisions, address layout) should not repeat.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CycleBenchError } from '../errors.js';
import { childExecArgv } from '../engine/isolate.js';
import { packageRoot } from '../native/load.js';
import { parseJsonFile } from '../store/files.js';
import { validateRunResult } from '../store/validate.js';
import type { Rerun } from '../compare/confirm.js';
import type { RunResult } from '../result/types.js';

/** How to start this CLI in a new process: the bin when built, `main.ts` under tsx from source. */
export function cliCommand(): string[] {
  const here = import.meta.url;
  if (here.endsWith('.ts')) return ['--import', 'tsx', fileURLToPath(new URL('./main.ts', here))];
  return [join(packageRoot(), 'bin', 'cyclebench.js')];
}

/** A filter (as `--filter` reads it) that matches exactly these ids. */
export function exactIdsFilter(ids: readonly string[]): string {
  return `/^(?:${ids.map((id) => id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$/`;
}

/** What a fresh re-run needs to repeat the first run. */
export interface RerunPlan {
  files: string[];
  /** The measuring flags of the first run (`--time 2s --isolate process ...`), without filter and outputs. */
  measureArgs: string[];
  cwd: string;
  env: Record<string, string | undefined>;
}

/**
 * Runs `cyclebench run` in a fresh process with the plan's files and measuring flags plus `extra`,
 * and returns the result file it wrote. Exit 0 or 5 (a benchmark errored, reported per benchmark)
 * bring a result; anything else is `E_RERUN` with the child's stderr.
 */
export async function measureInFreshProcess(
  plan: RerunPlan,
  extra: string[],
  what: string,
  env: Record<string, string> = {},
): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cyclebench-child-'));
  const out = join(dir, 'result.json');
  try {
    const args = [
      ...childExecArgv(process.execArgv, []),
      ...cliCommand(),
      'run',
      ...plan.files,
      ...plan.measureArgs,
      ...extra,
      '--json',
      out,
      '--quiet',
      '--no-save',
    ];
    const { code, signal, stderr } = await spawnCollect(process.execPath, args, plan.cwd, { ...plan.env, ...env, NO_COLOR: '1' });
    if (code !== 0 && code !== 5)
      throw new CycleBenchError(
        'E_RERUN',
        `${what} exited with ${signal ?? `code ${code}`} and measured nothing:\n${stderr.slice(-2000).trimEnd()}`,
      );
    let text: string;
    try {
      text = readFileSync(out, 'utf8');
    } catch {
      throw new CycleBenchError('E_RERUN', `${what} wrote no result file:\n${stderr.slice(-2000).trimEnd()}`);
    }
    return validateRunResult(parseJsonFile(text, out), out) as RunResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A {@link Rerun} that measures the given ids in a fresh `cyclebench run` process. */
export function freshProcessRerun(plan: RerunPlan): Rerun {
  let count = 0;
  return (ids) => measureInFreshProcess(plan, ['--filter', exactIdsFilter(ids)], `confirmation re-run ${++count}`);
}

function spawnCollect(
  cmd: string,
  args: string[],
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-20_000)));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}
