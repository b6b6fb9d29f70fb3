/**
 * Registration state, on a process-wide singleton: the CLI bundle, the library entry and a benchmark
 * file that imports cyclebench from source may each hold their own copy of the engine's modules, and
 * all of them must register into, and run, the same suite.
 */
interface CollectState {
  /** The default suite (a Suite; typed loosely so this module imports nothing). */
  defaultSuite: object | undefined;
  /** While true, module-level `run()` only returns: the CLI or a child runs the collected tasks. */
  collectOnly: boolean;
  /** The file whose registrations are being collected. */
  currentFile: string | undefined;
}

const STATE_KEY = Symbol.for('cyclebench.registry');

/** The one registration state of this process. */
export const collectState: CollectState = ((globalThis as Record<symbol, unknown>)[STATE_KEY] ??= {
  defaultSuite: undefined,
  collectOnly: false,
  currentFile: undefined,
}) as CollectState;

/** Sets the file whose registrations are being collected (CLI and isolation children). */
export function setCurrentFile(file: string | undefined): void {
  collectState.currentFile = file;
}
