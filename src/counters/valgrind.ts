/**
 * The out-of-process half of instruction-count mode: find valgrind, run a script under callgrind with
 * deterministic V8 flags, and turn its per-benchmark dumps into numbers.
 */
import { execFileSync, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { CycleBenchError, type Availability } from '../errors.js';
import { supportedV8Flags } from '../util/v8-flags.js';
import { parseCallgrindDump, totalsByLabel, type CallgrindDump, type EventTotals } from './callgrind-parse.js';

/** valgrind/callgrind for deterministic instruction counts. */
export type ValgrindCapability = Availability & {
  /** `valgrind-3.19.0` as `valgrind --version` prints it. */
  version?: string;
  /** The executable that will be run. */
  path?: string;
  /** Whether a callgrind run of a trivial program was checked to work. */
  callgrindChecked?: boolean;
};

/**
 * V8 flags that make JIT and GC deterministic under callgrind while keeping TurboFan (evidence in
 * docs/counters.md):
 * - `--single-threaded`: no background compile or GC threads (implies --single-threaded-gc,
 *   --no-concurrent-recompilation, --no-concurrent-sparkplug, ...). TurboFan still runs, on the
 *   main thread, so the same code is optimised at the same point every run.
 * - `--random-seed=1`, `--hash-seed=1`: V8 places its heap and code with its own RNG and seeds hash
 *   tables; a fixed seed makes addresses, and so the instructions that depend on them, repeat.
 * - `--predictable-gc-schedule`, `--no-memory-reducer`: heap growing and memory-reducing GCs depend
 *   on no timer.
 * - `--no-maglev`: on Node 24 and later V8 compiles hot code with Maglev first, and under valgrind the
 *   measured loop was still Maglev code after the 10,000 warm-up calls (20-21 instructions per step of
 *   a dependent integer loop instead of TurboFan's 6.5-9; docs/tiering.md, section 3). Without Maglev
 *   the counts are those of the top tier, as on Node 20 and 22, which run without Maglev anyway.
 * Each flag is checked against this Node's `--v8-options` first (V8's flags differ between lines);
 * one it does not know is left out, and the flags used are recorded with each result.
 */
export function deterministicNodeFlags(): string[] {
  return supportedV8Flags([
    '--single-threaded',
    '--random-seed=1',
    '--hash-seed=1',
    '--predictable-gc-schedule',
    '--no-memory-reducer',
    '--no-maglev',
  ]).kept;
}

/** Environment for the child: one libuv pool thread (fewer threads for valgrind to serialise). */
export function deterministicEnv(): Record<string, string> {
  return { UV_THREADPOOL_SIZE: '1' };
}

function findOnPath(name: string): string | null {
  if (name.includes('/')) return name;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return null;
}

let cached: ValgrindCapability | undefined;

function probe(): ValgrindCapability {
  const name = process.env.CYCLEBENCH_VALGRIND || 'valgrind';
  if (process.platform === 'win32') return { available: false, reason: 'valgrind does not run on Windows' };
  const path = findOnPath(name);
  if (!path)
    return {
      available: false,
      reason: `'${name}' is not on PATH (install valgrind, e.g. \`apt-get install valgrind\`, or set CYCLEBENCH_VALGRIND)`,
    };
  let version: string;
  try {
    version = execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (err) {
    return { available: false, path, reason: `\`${path} --version\` failed: ${(err as Error).message.split('\n')[0]}` };
  }
  // Check that callgrind itself starts (valgrind builds without it, or without support for this CPU,
  // fail here rather than in the middle of a run). /bin/true takes well under a second.
  const trueBin = findOnPath('true');
  if (!trueBin) return { available: true, version, path, callgrindChecked: false };
  const dir = mkdtempSync(join(tmpdir(), 'cyclebench-cgcheck-'));
  try {
    execFileSync(path, ['--tool=callgrind', '--instr-atstart=no', `--callgrind-out-file=${join(dir, 'out')}`, trueBin], {
      timeout: 30_000,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return { available: true, version, path, callgrindChecked: true };
  } catch (err) {
    const stderr = String((err as { stderr?: Buffer }).stderr ?? '')
      .trim()
      .split('\n')
      .slice(-3)
      .join(' | ');
    return { available: false, version, path, reason: `callgrind failed to run ${trueBin}: ${stderr || (err as Error).message}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Probes valgrind (once per process; `refresh` probes again): present, its version, callgrind works. */
export function valgrindCapability(refresh = false): ValgrindCapability {
  if (!cached || refresh) cached = probe();
  return cached;
}

/** Options for {@link runUnderCallgrind}. */
export interface CallgrindRunOptions {
  /** The script node runs (it calls measureInstructions for each benchmark). */
  script: string;
  /** Arguments after the script. */
  args: string[];
  /** Extra node flags, after deterministicNodeFlags(). */
  nodeFlags?: string[];
  /** Extra valgrind options, after cyclebench's (e.g. `--separate-threads=yes`, `--I1=...`). */
  valgrindArgs?: string[];
  /** Simulate caches too (--cache-sim=yes): adds Dr, Dw, I1mr, D1mr, D1mw, ILmr, DLmr, DLmw. */
  cacheSim?: boolean;
  cwd?: string;
  /** Added to process.env and deterministicEnv(). */
  env?: Record<string, string>;
  /** Kill the child after this long (E_TIMEOUT). Default: none. */
  timeoutMs?: number;
  /** Keep the dump folder (its path is in the error or logged by the caller); default false. */
  keepDumps?: boolean;
  /** Receives the child's stdout as it arrives (default: kept only for errors). */
  onStdout?: (chunk: string) => void;
}

/** The callgrind arguments runUnderCallgrind uses, for a dump folder (exported for docs and tests). */
export function callgrindArgs(outDir: string, cacheSim = false): string[] {
  return [
    '--tool=callgrind',
    '--instr-atstart=no', // Node starts uninstrumented (fast); measureInstructions switches it on
    '--collect-atstart=no', // and counts only inside its window
    // V8 formats each GC's timings into a ring buffer (GCTracer::Output); the text, and so the
    // instructions spent printing it, depends on wall time. Excluding just that function makes runs
    // repeat exactly; the collection work itself is still counted.
    '--toggle-collect=*GCTracer::Output*',
    '--dump-instr=no',
    '--dump-line=no',
    '--compress-strings=no',
    '--compress-pos=no',
    `--cache-sim=${cacheSim ? 'yes' : 'no'}`,
    `--callgrind-out-file=${join(outDir, 'callgrind.out.%p')}`,
  ];
}

const TAIL = 4000;

function tail(s: string): string {
  return s.length > TAIL ? `...${s.slice(-TAIL)}` : s;
}

/**
 * Runs `node <deterministic flags> script args` under callgrind and returns the counts of every
 * labelled dump (one per measureInstructions call) by label. Rejects with E_VALGRIND_UNAVAILABLE when
 * valgrind is missing, or when the child fails (exit status and stderr tail in the message).
 */
export async function runUnderCallgrind(opts: CallgrindRunOptions): Promise<Map<string, EventTotals>> {
  const cap = valgrindCapability();
  if (!cap.available || !cap.path)
    throw new CycleBenchError('E_VALGRIND_UNAVAILABLE', `instruction-count mode needs valgrind: ${cap.reason ?? 'not found'}`);
  const outDir = mkdtempSync(join(tmpdir(), 'cyclebench-callgrind-'));
  const args = [
    ...callgrindArgs(outDir, opts.cacheSim ?? false),
    ...(opts.valgrindArgs ?? []),
    process.execPath,
    ...deterministicNodeFlags(),
    ...(opts.nodeFlags ?? []),
    opts.script,
    ...opts.args,
  ];
  let removeDir = !opts.keepDumps;
  try {
    const { code, signal, stderr, stdout, timedOut } = await new Promise<{
      code: number | null;
      signal: NodeJS.Signals | null;
      stderr: string;
      stdout: string;
      timedOut: boolean;
    }>((resolve, reject) => {
      const child = spawn(cap.path as string, args, {
        cwd: opts.cwd,
        env: { ...process.env, ...deterministicEnv(), ...opts.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let stdout = '';
      let timedOut = false;
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr = (stderr + d).slice(-4 * TAIL);
      });
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout = (stdout + d).slice(-4 * TAIL);
        opts.onStdout?.(d);
      });
      const timer =
        opts.timeoutMs !== undefined
          ? setTimeout(() => {
              timedOut = true;
              child.kill('SIGKILL');
            }, opts.timeoutMs)
          : undefined;
      child.on('error', (err) => {
        if (timer) clearTimeout(timer);
        reject(new CycleBenchError('E_VALGRIND_UNAVAILABLE', `could not start ${cap.path}: ${err.message}`, { cause: err }));
      });
      child.on('close', (code, signal) => {
        if (timer) clearTimeout(timer);
        resolve({ code, signal, stderr, stdout, timedOut });
      });
    });
    const command = `valgrind ${args.join(' ')}`;
    if (timedOut) {
      removeDir = false;
      throw new CycleBenchError('E_TIMEOUT', `callgrind run of ${opts.script} exceeded ${opts.timeoutMs} ms (dumps kept in ${outDir})`);
    }
    if (code !== 0) {
      removeDir = false;
      const status = signal ? `was killed by ${signal}` : `exited with status ${code}`;
      throw new CycleBenchError(
        'E_VALGRIND_UNAVAILABLE',
        `callgrind run of ${opts.script} ${status}\ncommand: ${command}\ndumps kept in: ${outDir}\n` +
          `stderr (tail):\n${tail(stderr.trim())}${stdout.trim() ? `\nstdout (tail):\n${tail(stdout.trim())}` : ''}`,
      );
    }
    return readDumps(outDir);
  } finally {
    if (removeDir) rmSync(outDir, { recursive: true, force: true });
  }
}

/** Parses every callgrind dump in a folder and returns labelled totals. */
export function readDumps(dir: string): Map<string, EventTotals> {
  const dumps: CallgrindDump[] = [];
  for (const name of readdirSync(dir)) {
    if (!name.startsWith('callgrind.out.')) continue;
    const d = parseCallgrindDump(readFileSync(join(dir, name), 'utf8'));
    if (d.part === null) {
      // Older callgrind versions have no part: line; the file suffix .N is the dump number.
      const m = /\.(\d+)(?:-\d+)?$/.exec(name);
      d.part = m ? Number(m[1]) : 0;
    }
    dumps.push(d);
  }
  return totalsByLabel(dumps);
}
