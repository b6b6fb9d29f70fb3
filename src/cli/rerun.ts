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

/** A {@link Rerun} that measures the given ids in a fresh `cyclebench run` process. */
export function freshProcessRerun(plan: RerunPlan): Rerun {
  let count = 0;
  return async (ids) => {
    count++;
    const dir = mkdtempSync(join(tmpdir(), 'cyclebench-confirm-'));
    const out = join(dir, 'result.json');
    try {
      const args = [...childExecArgv(process.execArgv, []), ...cliCommand(), 'run', ...plan.files, ...plan.measureArgs, '--filter', exactIdsFilter(ids), '--json', out, '--quiet', '--no-save'];
      const { code, signal, stderr } = await spawnCollect(process.execPath, args, plan.cwd, { ...plan.env, NO_COLOR: '1' });
      // 0: measured; 5: measured, a benchmark errored (reported per benchmark). Anything else: no result.
      if (code !== 0 && code !== 5)
        throw new CycleBenchError('E_RERUN', `confirmation re-run ${count} exited with ${signal ?? `code ${code}`} and measured nothing:\n${stderr.slice(-2000).trimEnd()}`);
      let text: string;
      try {
        text = readFileSync(out, 'utf8');
      } catch {
        throw new CycleBenchError('E_RERUN', `confirmation re-run ${count} wrote no result file:\n${stderr.slice(-2000).trimEnd()}`);
      }
      return validateRunResult(parseJsonFile(text, out), out) as RunResult;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

function spawnCollect(cmd: string, args: string[], cwd: string, env: Record<string, string | undefined>): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-20_000)));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}
