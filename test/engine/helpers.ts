/** Shared by the engine tests: short budgets, running fixture files for real, and capability gates. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { it } from 'vitest';
import { loadNative } from '../../src/native/load.js';
import { loadBenchFile } from '../../src/engine/load-file.js';
import { defaultSuite, resetDefaultSuite, setCollectOnly } from '../../src/engine/registry.js';
import type { RunOptions } from '../../src/engine/options.js';
import type { BenchResult, RunResult } from '../../src/result/types.js';

/** Short budgets keep the suite quick; assertions are about behaviour, with wide margins. */
export const FAST = { maxTimeMs: 150, warmupMs: 60, minTimeMs: 10, quiet: true } as const;

export const FAULTS = resolve(__dirname, '..', 'fixtures', 'faults');

/** Results by id. */
export function byId(run: RunResult): Record<string, BenchResult> {
  return Object.fromEntries(run.benchmarks.map((b) => [b.id, b]));
}

/** Loads a fixture file and runs its benchmarks with this test process as the host, as the CLI does. */
export async function runFile(file: string, options: RunOptions): Promise<RunResult> {
  resetDefaultSuite();
  setCollectOnly(true);
  try {
    await loadBenchFile(file);
  } finally {
    setCollectOnly(false);
  }
  const suite = defaultSuite();
  resetDefaultSuite();
  return suite.run({ quiet: true, ...options });
}

/**
 * Runs a fixture file in a host process of its own (test/fixtures/faults/run.ts), for benchmarks
 * that could take the test runner down, or that need Node flags of their own (`nodeFlags`, before the
 * script). Resolves when that host has ended by itself: a host that never ends fails the test by `timeoutMs`.
 */
export function runHost(
  file: string,
  options: RunOptions & { exit?: boolean },
  timeoutMs = 90_000,
  nodeFlags: string[] = [],
): Promise<{ run: RunResult; code: number | null; stderr: string }> {
  const out = join(mkdtempSync(join(tmpdir(), 'cb-host-')), 'result.json');
  const args = [...nodeFlags, '--import', 'tsx', join(FAULTS, 'run.ts'), file, out, JSON.stringify({ quiet: true, ...options })];
  return new Promise((done, fail) => {
    execFile(process.execPath, args, { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 64 << 20 }, (err, _stdout, stderr) => {
      if (err && (err as { killed?: boolean }).killed)
        return fail(new Error(`the host did not end within ${timeoutMs} ms; stderr:\n${stderr.slice(-2000)}`));
      try {
        done({ run: JSON.parse(readFileSync(out, 'utf8')) as RunResult, code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr });
      } catch (e) {
        fail(
          new Error(
            `the host wrote no result (${(e as Error).message}); exit ${String((err as { code?: number } | null)?.code ?? 0)}; stderr:\n${stderr.slice(-2000)}`,
          ),
        );
      }
    });
  });
}

export const native = loadNative();

/**
 * Gates tests on the addon. Without it they are skipped with the reason in their title; under
 * CI=true a missing addon is a broken build, so a failing test says so instead.
 */
export function addonGate(what: string): { skip: boolean; title: string } {
  const missing = !native.addon;
  if (missing && process.env.CI === 'true')
    it(`the addon is loaded (CI=true, ${what} needs it)`, () => {
      throw new Error(`the addon did not load under CI: ${native.reason}`);
    });
  return { skip: missing, title: missing ? `${what} (skipped: ${native.reason})` : what };
}
