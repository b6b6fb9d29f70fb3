/**
 * The base revision for `cyclebench ab`: a detached `git worktree` of REF under
 * `.cyclebench/ab/<commit>`, prepared once per commit and setup command (`--setup`), with the head's
 * benchmark files copied in beside the base's (so their relative imports reach the base's code).
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { CycleBenchError } from '../errors.js';
import { storePaths } from '../store/paths.js';

function git(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) => {
    execFile('git', args, { cwd, timeout: 120_000 }, (err, stdout, stderr) =>
      res({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout: String(stdout).trim(), stderr: String(stderr).trim() }),
    );
  });
}

/** The checkout root of `cwd` and the commit REF names; `E_USAGE` outside git or for an unknown REF. */
export async function resolveRevision(cwd: string, ref: string): Promise<{ root: string; commit: string }> {
  const top = await git(cwd, ['rev-parse', '--show-toplevel']);
  if (top.code !== 0) throw new CycleBenchError('E_USAGE', `cyclebench ab needs a git checkout: ${top.stderr || 'git rev-parse failed'}`);
  const c = await git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (c.code !== 0 || !c.stdout) throw new CycleBenchError('E_USAGE', `'${ref}' is not a commit, branch or tag in ${top.stdout}.`);
  return { root: top.stdout, commit: c.stdout };
}

/** Creates (or reuses) the worktree of `commit`; returns its folder. */
export async function baseWorktree(cwd: string, commit: string): Promise<string> {
  const abDir = join(storePaths(cwd).root, 'ab');
  const dir = join(abDir, commit);
  mkdirSync(abDir, { recursive: true });
  // Keep the worktrees out of the user's `git status`.
  if (!existsSync(join(abDir, '.gitignore'))) writeFileSync(join(abDir, '.gitignore'), '*\n');
  if (existsSync(join(dir, '.git'))) return dir;
  await git(cwd, ['worktree', 'prune']);
  const add = await git(cwd, ['worktree', 'add', '--detach', dir, commit]);
  if (add.code !== 0) throw new CycleBenchError('E_USAGE', `cannot check out ${commit.slice(0, 10)} into ${dir}: ${add.stderr}`);
  return dir;
}

/** Output of a setup command that failed, for the error. */
function runShell(command: string, cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((res) => {
    const child = spawn(command, { cwd, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output = (output + d).slice(-20_000)));
    child.stderr.on('data', (d) => (output = (output + d).slice(-20_000)));
    child.on('close', (code) => res({ code, output }));
    child.on('error', (e) => res({ code: -1, output: e.message }));
  });
}

/**
 * Runs `--setup` in `dir`. In the base worktree it runs once per commit and command (a marker file
 * records the command's hash; a different command runs again); `cache: false` always runs (the head
 * working tree may have changed). A failure is `E_USAGE` with the command's output.
 */
export async function prepare(dir: string, command: string | undefined, what: string, cache: boolean): Promise<'ran' | 'cached' | 'none'> {
  if (!command) return 'none';
  const marker = join(dir, '.cyclebench-setup');
  const key = createHash('sha256').update(command).digest('hex');
  if (cache && existsSync(marker) && readFileSync(marker, 'utf8') === key) return 'cached';
  const r = await runShell(command, dir);
  if (r.code !== 0)
    throw new CycleBenchError('E_USAGE', `--setup failed for the ${what} (exit ${r.code}) in ${dir}: ${command}\n${r.output.trimEnd()}`);
  if (cache) writeFileSync(marker, key);
  return 'ran';
}

/** Without a setup that installed them, the base resolves packages through the head's node_modules. */
export function linkDependencies(headRoot: string, baseDir: string): void {
  const target = join(headRoot, 'node_modules');
  const link = join(baseDir, 'node_modules');
  if (!existsSync(link) && existsSync(target)) symlinkSync(target, link, 'dir');
}

/**
 * Copies head's benchmark files into the base worktree beside the files at the same paths, under a
 * hidden name, so `../src/x.js` imports from them reach the base's code. Returns the copies and a cleanup.
 */
export function copyHeadFiles(files: string[], headRoot: string, baseDir: string): { files: string[]; cleanup(): void } {
  const copies = files.map((f) => {
    const rel = relative(headRoot, resolve(f));
    if (rel.startsWith('..'))
      throw new CycleBenchError('E_USAGE', `benchmark file ${f} is outside the checkout ${headRoot}; ab measures files of the repository`);
    const dest = join(baseDir, dirname(rel), `.${basename(rel).replace(/(\.[cm]?[jt]s)$/, '.cyclebench-ab$1')}`);
    mkdirSync(dirname(dest), { recursive: true });
    copyFileSync(f, dest);
    return dest;
  });
  return { files: copies, cleanup: () => copies.forEach((c) => rmSync(c, { force: true })) };
}

/** The base's own copies of the benchmark files (`--own-files`): the same paths in the worktree. */
export function ownFiles(files: string[], headRoot: string, baseDir: string): string[] {
  const own = files.map((f) => join(baseDir, relative(headRoot, resolve(f)))).filter((f) => existsSync(f));
  if (!own.length)
    throw new CycleBenchError(
      'E_USAGE',
      `the base revision has none of the benchmark files (${files.map((f) => relative(headRoot, f)).join(', ')}); drop --own-files to run head's files against it`,
    );
  return own;
}
