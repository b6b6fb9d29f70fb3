/** A suite: benchmarks and groups registered in order, run together. */
import { CycleBenchError } from '../errors.js';
import { collectState } from './collect.js';
import type { BenchDef, GroupDef, Task } from './defs.js';
import type { ArgAxes, Args, BenchFn, BenchOptions, GroupOptions, RunOptions } from './options.js';
import { runSuite } from './run-suite.js';
import { checkLoad } from '../load/check.js';
import type { RunResult } from '../result/types.js';

function checkName(name: unknown, what: string): asserts name is string {
  if (typeof name !== 'string' || name.trim() === '' || /[/\n]/.test(name))
    throw new CycleBenchError(
      'E_BAD_ARGUMENT',
      `${what} name must be a non-empty string without '/' or newlines, got ${JSON.stringify(name)}`,
    );
}

function checkArgs(args: ArgAxes | undefined, where: string): void {
  if (!args) return;
  for (const [k, v] of Object.entries(args))
    if (!Array.isArray(v) || v.length === 0)
      throw new CycleBenchError('E_BAD_ARGUMENT', `${where}: args.${k} must be a non-empty array of values`);
}

/**
 * A set of benchmarks and groups. `bench`, `group` and `run` at module level use a default suite;
 * create your own for programmatic use.
 */
export class Suite {
  readonly tasks: Task[] = [];
  private openGroup: GroupDef | undefined;
  /** Sampling and run options applied to every benchmark of this suite. */
  constructor(readonly options: RunOptions = {}) {}

  /** Registers a benchmark (inside a group callback, a contender of that group). */
  add<S = unknown, A extends Args = Args>(name: string, fn: BenchFn<S, A>, options: BenchOptions<S, A> = {}): this {
    checkName(name, 'benchmark');
    if (typeof fn !== 'function') throw new CycleBenchError('E_BAD_ARGUMENT', `benchmark '${name}': expected a function`);
    checkArgs(options.args, `benchmark '${name}'`);
    if (options.load) checkLoad(name, options.load, this.openGroup?.name);
    const def: BenchDef = { name, fn: fn as BenchFn<any>, options: options as BenchOptions<any>, file: collectState.currentFile };
    const siblings = this.openGroup
      ? this.openGroup.benches.map((b) => b.name)
      : this.tasks.flatMap((t) => (t.kind === 'bench' ? [t.bench.name] : []));
    if (siblings.includes(name))
      throw new CycleBenchError(
        'E_BAD_ARGUMENT',
        `benchmark '${name}' is registered twice${this.openGroup ? ` in group '${this.openGroup.name}'` : ''}`,
      );
    if (this.openGroup) this.openGroup.benches.push(def);
    else this.tasks.push({ kind: 'bench', bench: def });
    return this;
  }

  /** Registers a group; benchmarks added inside `body` are its contenders, sampled interleaved. */
  group(name: string, optionsOrBody: GroupOptions | (() => void), maybeBody?: () => void): this {
    checkName(name, 'group');
    const [options, body] = typeof optionsOrBody === 'function' ? [{}, optionsOrBody] : [optionsOrBody, maybeBody];
    if (typeof body !== 'function') throw new CycleBenchError('E_BAD_ARGUMENT', `group '${name}': expected a callback`);
    if (this.openGroup)
      throw new CycleBenchError('E_BAD_ARGUMENT', `group '${name}' is nested in '${this.openGroup.name}'; groups do not nest`);
    checkArgs(options.args, `group '${name}'`);
    const def: GroupDef = { name, options, benches: [], file: collectState.currentFile };
    this.openGroup = def;
    try {
      body();
    } finally {
      this.openGroup = undefined;
    }
    if (def.benches.length === 0) throw new CycleBenchError('E_BAD_ARGUMENT', `group '${name}' has no benchmarks`);
    if (options.baseline && !def.benches.some((b) => b.name === options.baseline))
      throw new CycleBenchError(
        'E_BAD_ARGUMENT',
        `group '${name}': baseline '${options.baseline}' is not one of its benchmarks (${def.benches.map((b) => b.name).join(', ')})`,
      );
    this.tasks.push({ kind: 'group', group: def });
    return this;
  }

  /** Runs every task and returns the results. */
  async run(options: RunOptions = {}): Promise<RunResult> {
    return runSuite(this, { ...this.options, ...options });
  }
}
