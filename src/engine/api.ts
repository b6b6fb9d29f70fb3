import { defaultSuite, isCollectOnly, resetDefaultSuite } from './registry.js';
import type { RunOptions } from './options.js';
import { SCHEMA_VERSION, type RunResult } from './types.js';
import { renderRun } from '../report/run.js';
import { useColor } from '../report/io.js';

/**
 * Runs everything registered with module-level `bench` and `group`, prints a results table unless
 * `quiet`, and returns the results. When the CLI loads the file, this only returns an empty result:
 * the CLI runs the collected benchmarks itself.
 */
export async function run(options: RunOptions = {}): Promise<RunResult> {
  if (isCollectOnly()) {
    const now = new Date().toISOString();
    return { schemaVersion: SCHEMA_VERSION, tool: { name: 'cyclebench', version: '' }, startedAt: now, finishedAt: now, mode: 'time', environment: undefined as never, benchmarks: [], groups: [], complexity: [] };
  }
  const suite = defaultSuite();
  resetDefaultSuite();
  const result = await suite.run(options);
  if (!options.quiet) process.stdout.write(renderRun(result, 'console', { color: useColor(process.stdout, process.env) }));
  return result;
}
