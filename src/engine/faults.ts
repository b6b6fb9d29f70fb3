/**
 * Misbehaving benchmarks in this process: what they threw, unhandled rejections, calls of
 * process.exit, and resources (timers, sockets...) left active. Each is attributed to the benchmark
 * whose code was running, so the run goes on and the result says what happened.
 */
import { inspect, types } from 'node:util';
import type { BenchResult } from '../result/types.js';

type RecordedError = NonNullable<BenchResult['error']>;

function article(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  const t = Array.isArray(v) ? 'array' : typeof v;
  return `${/^[aeiou]/.test(t) ? 'an' : 'a'} ${t}`;
}

/** What a benchmark threw or rejected with, as recorded: Errors as they are, anything else described. */
export function describeThrown(err: unknown): RecordedError {
  if (types.isNativeError(err) || err instanceof Error) {
    const e = err as Error & { code?: unknown };
    return { name: e.name, message: e.message, stack: e.stack, ...(typeof e.code === 'string' ? { code: e.code } : {}) };
  }
  const value = err === undefined || err === null ? '' : `: ${inspect(err, { depth: 2, breakLength: Infinity, maxStringLength: 200 })}`;
  return {
    name: 'NonErrorThrown',
    message: `threw or rejected with ${article(err)}, not an Error (so no stack)${value}`,
    code: 'E_THROWN_VALUE',
  };
}

/** An Error carrying a result code, for failures the engine itself detects. */
export function codedError(code: string, message: string, name = 'BenchmarkFault'): Error & { code: string } {
  const e = new Error(message) as Error & { code: string };
  e.name = name;
  e.code = code;
  return e;
}

/** Counts of active resources by type (process.getActiveResourcesInfo(): Timeout, TCPWrap, ...). */
export function activeResources(): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of process.getActiveResourcesInfo()) m.set(r, (m.get(r) ?? 0) + 1);
  return m;
}

/** Resource types with more active now than in `before`, with how many more. */
export function leakedSince(before: Map<string, number>): Record<string, number> | undefined {
  let out: Record<string, number> | undefined;
  for (const [k, n] of activeResources()) if (n > (before.get(k) ?? 0)) (out ??= {})[k] = n - (before.get(k) ?? 0);
  return out;
}

/**
 * One macrotask turn and a timer turn: unhandled rejections of promises rejected so far are
 * reported, and zero-delay timers have fired, so neither is mistaken for a later benchmark's or a leak.
 */
export async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 0));
  await new Promise((r) => setImmediate(r));
}

/** What happened while one benchmark (or group point) ran, by benchmark id. */
export interface Scope {
  /** The id whose code is running now (a group switches it between contenders). */
  focus: string;
  exits: Map<string, number>;
  rejections: Map<string, unknown[]>;
}

/**
 * Watches a run: attributes unhandled rejections to the benchmark in focus (or the last one, when
 * they surface between benchmarks) and, when `interceptExit`, turns process.exit called by a
 * benchmark into an error thrown at the call, so the host survives. Only while a scope is open:
 * an exit outside benchmark code exits. Close it when the run ends.
 */
export class FaultWatch {
  private scope: Scope | undefined;
  private last: Scope | undefined;
  private readonly realExit = process.exit;
  private readonly onRejection = (reason: unknown): void => {
    const s = this.scope ?? this.last;
    // Before any benchmark: not ours. Alone, rethrow as Node would; else the other listeners decide.
    if (!s) {
      if (process.listenerCount('unhandledRejection') === 1) throw reason;
      return;
    }
    const list = s.rejections.get(s.focus) ?? [];
    list.push(reason);
    s.rejections.set(s.focus, list);
  };

  constructor(private readonly interceptExit: boolean) {
    process.on('unhandledRejection', this.onRejection);
    if (interceptExit) {
      // process.exit is replaced by a plain function (its `this` is process), so it reaches the watch by closure.
      // eslint-disable-next-line @typescript-eslint/no-this-alias
      const watch = this;
      process.exit = function exit(code?: number | string | null): never {
        const s = watch.scope;
        if (!s) return watch.realExit.call(process, code as number);
        const n = Number(code ?? process.exitCode ?? 0);
        s.exits.set(s.focus, n);
        throw codedError(
          'E_EXIT',
          `the benchmark called process.exit(${n}); in-process cyclebench throws this error at the call instead, so the run goes on (the benchmark may catch it): use isolate: 'process' to measure code that exits`,
          'ProcessExit',
        );
      } as typeof process.exit;
    }
  }

  /** Opens the scope of a benchmark (or group point) about to run. */
  enter(id: string): Scope {
    this.scope = { focus: id, exits: new Map(), rejections: new Map() };
    return this.scope;
  }

  /** Closes it, after letting its pending rejections surface. */
  async leave(scope: Scope): Promise<void> {
    await settle();
    if (this.scope === scope) this.scope = undefined;
    this.last = scope;
  }

  close(): void {
    process.off('unhandledRejection', this.onRejection);
    if (this.interceptExit) process.exit = this.realExit;
  }
}

/**
 * A result with what the scope saw for its id: a call of process.exit or an unhandled rejection
 * makes it an error (its statistics would describe code that did not run as written); leaked
 * resources are flagged.
 */
export function withFaults(r: BenchResult, scope: Scope, leaked: Record<string, number> | undefined): BenchResult {
  if (leaked) r.flags.leakedResources = leaked;
  const exit = scope.exits.get(r.id);
  const rejections = scope.rejections.get(r.id);
  let error: RecordedError | undefined;
  if (exit !== undefined && r.error?.code !== 'E_EXIT')
    error = describeThrown(
      codedError(
        'E_EXIT',
        `the benchmark called process.exit(${exit}) and caught the error cyclebench threw there; use isolate: 'process' to measure code that exits`,
        'ProcessExit',
      ),
    );
  else if (rejections?.length && r.status !== 'error') {
    const first = describeThrown(rejections[0]);
    const more = rejections.length > 1 ? ` (and ${rejections.length - 1} more)` : '';
    error = {
      ...first,
      message: `an unhandled promise rejection surfaced while it ran${more}: ${first.message}`,
      code: 'E_UNHANDLED_REJECTION',
    };
  }
  if (!error || r.status === 'skipped') return r;
  const { stats: _s, rawStats: _r, samples: _x, statsUnavailable: _u, deadCode: _d, ...rest } = r;
  return { ...rest, status: 'error', error, stopReason: 'error' };
}
