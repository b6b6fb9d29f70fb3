/**
 * A scratch project for end-to-end tests: a temporary folder with its own package.json, the built
 * cyclebench package linked in as a dependency, benchmark files written by the test, and the real
 * CLI (`bin/cyclebench.js`) run in child processes. Nothing is faked.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The repository root: the package under test. */
export const PACKAGE_ROOT = resolve(__dirname, '..', '..');
/** The CLI as users run it. */
export const BIN = join(PACKAGE_ROOT, 'bin', 'cyclebench.js');

/** What a CLI run printed and returned. */
export interface CliResult {
  /** The CLI process's pid. */
  pid: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A scratch project. */
export interface Project {
  dir: string;
  /** Writes a file (relative path), creating folders. */
  write(rel: string, text: string): void;
  read(rel: string): string;
  exists(rel: string): boolean;
  /** Runs `cyclebench ARGS` in the project; never throws on a non-zero exit. */
  cli(args: string[], options?: { env?: Record<string, string>; timeoutMs?: number; input?: string }): Promise<CliResult>;
  remove(): void;
}

/** Creates a project with `package.json` (ESM unless `type` says otherwise) and cyclebench installed by link. */
export function scratchProject(files: Record<string, string> = {}, options: { type?: 'module' | 'commonjs' } = {}): Project {
  const dir = mkdtempSync(join(tmpdir(), 'cb-e2e-'));
  const pkg: Record<string, unknown> = { name: 'scratch', private: true, version: '1.0.0' };
  if (options.type !== 'commonjs') pkg.type = 'module';
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(PACKAGE_ROOT, join(dir, 'node_modules', 'cyclebench'), 'dir');
  const project: Project = {
    dir,
    write(rel, text) {
      const p = join(dir, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
    },
    read: (rel) => readFileSync(join(dir, rel), 'utf8'),
    exists: (rel) => existsSync(join(dir, rel)),
    cli: (args, o = {}) => runCli(dir, args, o),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  for (const [rel, text] of Object.entries(files)) project.write(rel, text);
  return project;
}

function runCli(cwd: string, args: string[], o: { env?: Record<string, string>; timeoutMs?: number; input?: string }): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const env = { ...process.env, NO_COLOR: '1', GITHUB_STEP_SUMMARY: '', ...o.env };
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ pid: child.pid!, code, signal, stdout, stderr });
    });
    child.stdin.end(o.input ?? '');
  });
}

/** A benchmark file whose work per call is set by the WORK environment variable (default 2000 steps). */
export const WORK_BENCH = `import { bench } from 'cyclebench';
const steps = Number(process.env.WORK ?? 2000);
bench('work', () => { let s = 0; for (let i = 0; i < steps; i++) s += Math.sqrt(i + 0.5); return s; });
bench('steady', () => { let s = 0; for (let i = 0; i < 1000; i++) s += Math.sqrt(i + 0.5); return s; });
`;
