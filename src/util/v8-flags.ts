/**
 * Which V8 flags the running Node accepts. V8's flags differ between Node lines (docs/tiering.md has
 * the table for 20, 22, 24 and 26), and a flag V8 does not know makes Node refuse to start
 * (`node: bad option`), so every flag cyclebench passes to a child is checked against
 * `node --v8-options` of the binary that will run it first.
 */
import { execFileSync } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';

const cache = new Map<string, Map<string, string>>();

/** Flag name (without `--`, `-` for `_`) to its `default:` line, from `<execPath> --v8-options`; read once per binary. */
export function v8Options(execPath = process.execPath): Map<string, string> {
  let known = cache.get(execPath);
  if (known) return known;
  known = new Map();
  try {
    const text = execFileSync(execPath, ['--v8-options'], {
      encoding: 'utf8',
      timeout: 30_000,
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 16 << 20,
    });
    let last: string | undefined;
    for (const line of text.split('\n')) {
      const flag = /^ {2}--([a-z0-9_-]+) /.exec(line);
      if (flag) {
        last = flag[1].replace(/_/g, '-');
        known.set(last, '');
      } else if (last && /^\s+type: .*default: /.test(line)) known.set(last, line.replace(/^.*default: /, '').trim());
    }
  } catch {
    // An unreadable flag list keeps every flag (Node itself then says which one it refuses).
  }
  cache.set(execPath, known);
  return known;
}

/** The V8 flag a Node option sets (`--no-maglev` -> `maglev`), or null for a Node option such as `--import`. */
function v8Name(option: string): string | null {
  const m = /^--(?:no-)?([a-z0-9_-]+)(?:=.*)?$/.exec(option);
  return m ? m[1].replace(/_/g, '-') : null;
}

/**
 * Splits V8 flags into those this Node knows and those it does not (dropped, so the child starts;
 * the caller says so). With an unreadable flag list every flag is kept.
 */
export function supportedV8Flags(flags: string[], execPath = process.execPath): { kept: string[]; dropped: string[] } {
  const known = v8Options(execPath);
  if (!known.size) return { kept: flags, dropped: [] };
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const f of flags) {
    const name = v8Name(f);
    const nodeOption = process.allowedNodeEnvironmentFlags.has(f.split('=')[0]) && !(name && known.has(name));
    (name === null || known.has(name) || nodeOption ? kept : dropped).push(f);
  }
  return { kept, dropped };
}

/** Whether this V8 runs Maglev by default (Node 24 and later; not Node 20, nor Node 22's builds). */
export function maglevByDefault(execPath = process.execPath): boolean {
  return v8Options(execPath).get('maglev') === '--maglev';
}

/** The options in execArgv that change which JIT tiers run (recorded in the result environment). */
export function tierFlags(execArgv: string[]): string[] {
  return execArgv.filter((a) =>
    /^--(no-)?(maglev|turbofan|sparkplug|turboshaft|opt|jitless|use-osr|osr|concurrent-osr|always-sparkplug|max-maglev|invocation-count|interrupt-budget|max-inlined|single-threaded)\b/.test(
      a,
    ),
  );
}

let maglevOffAtRunTime = false;

/**
 * Measures the top tier where V8 runs Maglev by default (V8 13+: Node 24 and later): turns Maglev off
 * in this process at run time, unless node was started with `--maglev` or `--no-maglev` (also through
 * NODE_OPTIONS), which is the user's choice. With Maglev on, one of three identical-cost functions in a
 * group stayed 5x slower for a whole run in 8 of 10 processes, a confident B/A of 0.22 for a true 1.05;
 * with it off, 5 of 5 processes measured 1.048-1.050 (docs/precision.md, run 6). Only code compiled
 * afterwards is affected, so the engine calls this before any benchmark runs. Returns whether Maglev is
 * off by this call or an earlier one.
 */
export function preferTopTier(
  v8Version = process.versions.v8,
  options = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)],
): boolean {
  if (maglevOffAtRunTime) return true;
  if (Number(v8Version.split('.')[0]) < 13 || options.some((a) => a === '--maglev' || a === '--no-maglev')) return false;
  setFlagsFromString('--no-maglev');
  maglevOffAtRunTime = true;
  return true;
}

/** Whether {@link preferTopTier} turned Maglev off in this process (recorded in the environment). */
export function maglevTurnedOff(): boolean {
  return maglevOffAtRunTime;
}
