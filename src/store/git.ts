/** Source control state for `environment.git`, read with the `git` command line. */
import { execFile } from 'node:child_process';

/** The git state of a checkout: the commit, the branch (null when detached) and uncommitted changes. */
export interface GitState {
  commit: string;
  branch: string | null;
  dirty: boolean;
}

function git(cwd: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: 10_000, windowsHide: true }, (err, stdout) => {
      resolve(err ? null : stdout.toString().trim());
    });
  });
}

/**
 * The git state of `cwd`, or null when it is not inside a git work tree, git is not installed, or the
 * repository has no commit yet. Untracked files count as dirty (they can change what is measured).
 */
export async function gitState(cwd: string): Promise<GitState | null> {
  const commit = await git(cwd, ['rev-parse', '--verify', 'HEAD']);
  if (!commit) return null;
  const [branch, status] = await Promise.all([
    git(cwd, ['symbolic-ref', '--quiet', '--short', 'HEAD']),
    git(cwd, ['status', '--porcelain', '--untracked-files=normal']),
  ]);
  return { commit, branch: branch || null, dirty: status === null ? false : status.length > 0 };
}

/** When HEAD was committed (ISO 8601, committer date), or null outside a git checkout. */
export async function commitTime(cwd: string): Promise<string | null> {
  const t = await git(cwd, ['show', '-s', '--format=%cI', 'HEAD']);
  return t && !Number.isNaN(Date.parse(t)) ? new Date(t).toISOString() : null;
}
