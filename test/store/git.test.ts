import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitState } from '../../src/store/index.js';
import { requireCapability } from '../capability.js';

const hasGit = requireCapability(
  'git',
  (() => {
    try {
      execFileSync('git', ['--version']);
      return { available: true } as const;
    } catch (err) {
      return { available: false, reason: `git --version failed: ${(err as Error).message}` } as const;
    }
  })(),
);

describe.skipIf(!hasGit)('gitState', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-git-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is null outside a repository', async () => {
    expect(await gitState(dir)).toBeNull();
  });

  it('reads commit, branch and dirty state', async () => {
    const g = (...a: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...a], { cwd: dir });
    g('init', '-q', '-b', 'trunk');
    expect(await gitState(dir)).toBeNull(); // no commit yet
    fs.writeFileSync(path.join(dir, 'a'), '1');
    g('add', 'a');
    g('commit', '-q', '-m', 'one');
    const s = await gitState(dir);
    expect(s).toMatchObject({ branch: 'trunk', dirty: false });
    expect(s!.commit).toMatch(/^[0-9a-f]{40}$/);
    fs.writeFileSync(path.join(dir, 'a'), '2');
    expect((await gitState(dir))!.dirty).toBe(true);
    g('checkout', '-q', '--detach');
    expect((await gitState(dir))!.branch).toBeNull();
  });
});
