/** Registration-time checks of a load test, so a bad option fails when the file is loaded, not minutes into a run. */
import { CycleBenchError } from '../errors.js';
import { loadPlan, type LoadOptions } from './options.js';

/** Throws `E_BAD_ARGUMENT` for options that cannot run, or for a load test registered inside a group. */
export function checkLoad(name: string, options: LoadOptions, group: string | undefined): void {
  if (group !== undefined)
    throw new CycleBenchError('E_BAD_ARGUMENT', `load test '${name}' is inside group '${group}'; register load tests at top level`);
  loadPlan(name, options);
}
