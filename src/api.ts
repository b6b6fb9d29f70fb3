import { defaultSuite, isCollectOnly, resetDefaultSuite } from './engine/registry.js';
import type { RunOptions } from './engine/options.js';
import type { RunResult } from './result/types.js';
import { emptyRun } from './engine/environment.js';
import { renderRun } from './report/run-report.js';
import { useColor } from './report/io.js';

/**
 * Runs everything registered with module-level `bench` and `group`, prints a results table unless
 * `quiet`, and returns the results. When the CLI loads the file, this returns a result with no
 * benchmarks (and the real environment): the CLI runs the collected benchmarks itself.
 */
export async function run(options: RunOptions = {}): Promise<RunResult> {
  if (isCollectOnly()) return emptyRun();
  const suite = defaultSuite();
  resetDefaultSuite();
  const result = await suite.run(options);
  if (!options.quiet) process.stdout.write(renderRun(result, 'console', { color: useColor(process.stdout, process.env) }));
  return result;
}
