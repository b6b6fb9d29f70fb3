/**
 * Running peers' documented examples end to end: a scratch project with cyclebench and the peer
 * packages (tinybench, mitata, benny, vitest from this repository's devDependencies) linked in,
 * an example file copied in with its import line pointing at the peer or at cyclebench's adapter,
 * and `node` (or the peer's CLI) run in a child process. Examples end by printing `RESULT <json>`.
 */
import { spawn } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PACKAGE_ROOT, scratchProject, type Project } from './project.js';

/** Where the example files live. */
export const EXAMPLES = resolve(__dirname, '..', 'adapters', 'examples');

/** A scratch project with cyclebench and the given peers installed (by link). */
export function peerProject(peers: string[], options: { type?: 'module' | 'commonjs' } = {}): Project {
  const p = scratchProject({}, options);
  for (const name of peers) symlinkSync(join(PACKAGE_ROOT, 'node_modules', name), join(p.dir, 'node_modules', name), 'dir');
  return p;
}

/** What a process printed and returned; `result` is the parsed `RESULT` line, if any. */
export interface NodeRun {
  code: number | null;
  stdout: string;
  stderr: string;
  result: any;
}

/** Runs `node ARGS` in the project (quiet colours); never throws on a non-zero exit. */
export function runNode(p: Project, args: string[], env: Record<string, string> = {}, timeoutMs = 180_000): Promise<NodeRun> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: p.dir,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      done({ code, stdout, stderr, result: line ? JSON.parse(line.slice(7)) : undefined });
    });
  });
}

/**
 * Copies an example into the project as `rel`, with every `from '<peer>'` / `require('<peer>')`
 * pointing at `target` (the peer itself, or `cyclebench/<peer>`): the only change made to it.
 */
export function placeExample(p: Project, example: string, rel: string, peer: string, target: string): void {
  const text = readFileSync(join(EXAMPLES, example), 'utf8');
  const quoted = new RegExp(`(from\\s+|require\\()(['"])${peer}\\2`, 'g');
  p.write(
    rel,
    text.replace(quoted, (_m, head: string, q: string) => `${head}${q}${target}${q}`),
  );
}

/**
 * Every path to a value in `v` with the value's JSON type (`a.b[]`: an array's elements), so two
 * results can be compared by shape regardless of their numbers.
 */
export function shapeOf(v: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(v)) {
    out.set(path, 'array');
    for (const x of v) shapeOf(x, `${path}[]`, out);
  } else if (v !== null && typeof v === 'object') {
    out.set(path, 'object');
    for (const [k, x] of Object.entries(v)) shapeOf(x, path ? `${path}.${k}` : k, out);
  } else out.set(path, v === null ? 'null' : typeof v);
  return out;
}

/** Paths the peer has and ours lacks or types differently, ignoring `allowed` prefixes (documented differences). */
export function missingShape(peer: unknown, ours: unknown, allowed: string[] = []): string[] {
  const a = shapeOf(peer);
  const b = shapeOf(ours);
  return [...a]
    .filter(
      ([path, type]) => b.get(path) !== type && !allowed.some((x) => path === x || path.startsWith(`${x}.`) || path.startsWith(`${x}[`)),
    )
    .map(([path, type]) => `${path}: ${type} (ours: ${b.get(path) ?? 'missing'})`);
}

/** Runs `example` with the peer (`peer.<ext>`) and with cyclebench's adapter (`ours.<ext>`), one after the other. */
export async function runBoth(
  p: Project,
  example: string,
  peer: string,
  env: { peer?: Record<string, string>; ours?: Record<string, string> } = {},
): Promise<{ peer: NodeRun; ours: NodeRun }> {
  const ext = example.slice(example.lastIndexOf('.'));
  const base = example.slice(0, example.lastIndexOf('.'));
  placeExample(p, example, `${base}.peer${ext}`, peer, peer);
  placeExample(p, example, `${base}.ours${ext}`, peer, `cyclebench/${peer}`);
  return { peer: await runNode(p, [`${base}.peer${ext}`], env.peer), ours: await runNode(p, [`${base}.ours${ext}`], env.ours) };
}
