/**
 * `cyclebench init ci` through the real bin: the workflow it writes is parsed with a real YAML parser
 * and its structure checked (jobs, steps, permissions), its shell blocks pass `bash -n`, and its
 * sticky-comment script is run against a fake GitHub client.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scratchProject, type Project } from '../e2e/project.js';

const FILE = '.github/workflows/cyclebench.yml';
type Step = {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  'continue-on-error'?: boolean;
};
type Job = { 'runs-on': unknown; needs?: string | string[]; if?: string; permissions?: Record<string, string>; steps: Step[] };
type Workflow = { name: string; on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> };

let p: Project;
beforeAll(() => {
  p = scratchProject();
});
afterAll(() => p.remove());

const load = (): Workflow => parse(p.read(FILE));
const step = (job: Job, match: (s: Step) => boolean | undefined) => {
  const s = job.steps.find((x) => match(x));
  expect(s, 'step').toBeDefined();
  return s!;
};

describe('the written workflow', () => {
  let w: Workflow;
  beforeAll(async () => {
    const r = await p.cli(['init', 'ci']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`wrote ${FILE}`);
    w = load();
  });

  it('runs on pull requests, read-only except the comment job, which alone may write to pull requests', () => {
    expect(w.name).toBe('cyclebench');
    expect(Object.keys(w.on)).toEqual(['pull_request']);
    expect(w.permissions).toEqual({ contents: 'read' });
    expect(Object.keys(w.jobs)).toEqual(['bench', 'comment']);
    expect(w.jobs.bench.permissions).toBeUndefined();
    expect(w.jobs.comment.permissions).toEqual({ 'pull-requests': 'write' });
  });

  it("measures the base (the merge commit's first parent) in a worktree, then this pull request against it", () => {
    const bench = w.jobs.bench;
    expect(step(bench, (s) => s.uses?.startsWith('actions/checkout@')).with).toEqual({ 'fetch-depth': 2 });
    expect(step(bench, (s) => s.uses?.startsWith('actions/setup-node@')).with).toEqual({ 'node-version': 20 });
    const names = bench.steps.map((s) => s.name ?? s.uses);
    const base = step(bench, (s) => s.run?.includes('git worktree add'));
    expect(base.run).toMatch(/git worktree add --detach "\$RUNNER_TEMP\/base" HEAD\^1/);
    // Both sides over 5 fresh processes: compared over processes (docs/precision.md has why).
    expect(base.run).toMatch(/cyclebench run --processes 5 --no-save --json "\$RUNNER_TEMP\/base\.json"/);
    expect(base['continue-on-error']).toBe(true);
    const gate = step(bench, (s) => s.id === 'gate');
    expect(gate.run).toMatch(/base=\(--baseline "\$RUNNER_TEMP\/base\.json"\)/);
    expect(gate.run).toMatch(/cyclebench run --processes 5 --no-save "\$\{base\[@\]\}" --output-dir cyclebench-results\n/);
    expect(gate.run).toContain('echo "exit-code=$?" >> "$GITHUB_OUTPUT"');
    const upload = step(bench, (s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload.with).toMatchObject({ name: 'cyclebench-results', path: 'cyclebench-results/' });
    expect(upload.if).toBe('${{ !cancelled() }}');
    const fail = step(bench, (s) => s.run?.includes('exit ${{ steps.gate.outputs.exit-code }}'));
    expect(fail.if).toBe("steps.gate.outputs.exit-code != '0'");
    // Base first, then this pull request, then the upload, then the verdict.
    expect([base, gate, upload, fail].map((s) => bench.steps.indexOf(s))).toEqual([2, 4, 5, 6]);
    expect(names).toHaveLength(7);
  });

  it('posts the comment after the benchmarks, even when they failed, from the uploaded artifact', () => {
    const c = w.jobs.comment;
    expect(c.needs).toBe('bench');
    expect(c.if).toMatch(/!cancelled\(\)/);
    expect(c.if).toMatch(/github\.event\.pull_request\.head\.repo\.full_name == github\.repository/);
    expect(step(c, (s) => s.uses?.startsWith('actions/download-artifact@')).with).toEqual({ pattern: 'cyclebench-*', path: 'cyclebench' });
    expect(step(c, (s) => s.uses?.startsWith('actions/github-script@')).with?.script).toBeTypeOf('string');
  });

  it('every shell block is valid bash', () => {
    for (const [name, job] of Object.entries(w.jobs))
      for (const s of job.steps.filter((x) => x.run)) {
        const r = spawnSync('bash', ['-n'], { input: s.run, encoding: 'utf8' });
        expect(r.status, `${name}: ${s.name}: ${r.stderr}`).toBe(0);
      }
  });
});

describe('the sticky-comment script', () => {
  let dir: string;
  const cwd = process.cwd();
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cb-sticky-'));
  });
  afterAll(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the workflow's github-script body the way the action does (an async function of github, context, require). */
  async function runScript(comments: { id: number; body: string; user: { type: string } }[], files: Record<string, string>) {
    rmSync(join(dir, 'cyclebench'), { recursive: true, force: true });
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(join(dir, 'cyclebench', rel, '..'), { recursive: true });
      writeFileSync(join(dir, 'cyclebench', rel), text);
    }
    const calls: [string, Record<string, unknown>][] = [];
    const github = {
      paginate: async (fn: (a: unknown) => Promise<{ data: unknown[] }>, args: unknown) => (await fn(args)).data,
      rest: {
        issues: {
          listComments: async () => ({ data: comments }),
          updateComment: async (a: Record<string, unknown>) => calls.push(['update', a]),
          createComment: async (a: Record<string, unknown>) => calls.push(['create', a]),
        },
      },
    };
    const context = { repo: { owner: 'o', repo: 'r' }, issue: { number: 7 } };
    const script = load().jobs.comment.steps.find((s) => s.uses?.startsWith('actions/github-script@'))!.with!.script as string;
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
    process.chdir(dir);
    try {
      await new AsyncFunction('github', 'context', 'require', script)(github, context, createRequire(join(dir, 'x.js')));
    } finally {
      process.chdir(cwd);
    }
    return calls;
  }

  it('creates the comment once, then updates the bot comment that carries the same marker', async () => {
    const body = '<!-- cyclebench:pr-comment -->\n### ✅ cyclebench: 0 regressions\n';
    expect(await runScript([], { 'cyclebench-results/pr-comment.md': body })).toEqual([
      ['create', { owner: 'o', repo: 'r', issue_number: 7, body }],
    ]);
    const comments = [
      { id: 1, body: '<!-- cyclebench:pr-comment -->\nquoted by a person', user: { type: 'User' } },
      { id: 2, body: '<!-- cyclebench:pr-comment:gpu -->\nthe GPU one', user: { type: 'Bot' } },
      { id: 3, body: '<!-- cyclebench:pr-comment -->\nold', user: { type: 'Bot' } },
    ];
    expect(await runScript(comments, { 'cyclebench-results/pr-comment.md': body })).toEqual([
      ['update', { owner: 'o', repo: 'r', comment_id: 3, body }],
    ]);
    const gpu = '<!-- cyclebench:pr-comment:gpu -->\n### ❌ cyclebench: 1 regression\n';
    expect(await runScript(comments, { 'cyclebench-gpu-results/pr-comment.md': gpu })).toEqual([
      ['update', { owner: 'o', repo: 'r', comment_id: 2, body: gpu }],
    ]);
  });

  it('posts nothing when the benchmarks left no comment, and refuses a file without the marker', async () => {
    expect(await runScript([], {})).toEqual([]);
    await expect(runScript([], { 'cyclebench-results/pr-comment.md': 'no marker\n' })).rejects.toThrow(
      /does not start with the cyclebench marker/,
    );
  });
});

describe('options and refusals', () => {
  it('keeps an existing workflow unless --force', async () => {
    p.write(FILE, 'mine: true\n');
    const r = await p.cli(['init', 'ci']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/already exists; it was not changed\. Pass --force/);
    expect(p.read(FILE)).toBe('mine: true\n');
    expect((await p.cli(['init', 'ci', '--force', '--node', '22'])).code).toBe(0);
    expect(step(load().jobs.bench, (s) => s.uses?.startsWith('actions/setup-node@')).with).toEqual({ 'node-version': 22 });
  });

  it('--gpu-runner adds a job on that runner with its own artifact and comment id', async () => {
    expect((await p.cli(['init', 'ci', '--force', '--gpu-runner', 'self-hosted,gpu'])).code).toBe(0);
    const w = load();
    expect(Object.keys(w.jobs)).toEqual(['bench', 'bench-gpu', 'comment']);
    const gpu = w.jobs['bench-gpu'];
    expect(gpu['runs-on']).toEqual(['self-hosted', 'gpu']);
    expect(gpu.permissions).toBeUndefined();
    expect(step(gpu, (s) => s.id === 'gate').run).toMatch(
      /cyclebench run --no-save "\$\{base\[@\]\}" --output-dir cyclebench-gpu-results --comment-id gpu\n/,
    );
    expect(step(gpu, (s) => s.uses?.startsWith('actions/upload-artifact@')).with).toMatchObject({ name: 'cyclebench-gpu-results' });
    expect(w.jobs.comment.needs).toEqual(['bench', 'bench-gpu']);
  });

  it('--shards N: a matrix of N jobs, each measuring its shard of this pull request and then the same benchmarks of the base, merged and compared by a later job', async () => {
    const r = await p.cli(['init', 'ci', '--force', '--shards', '3', '--gpu-runner', 'gpu']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/with 3 shards merged before comparing, a GPU job on gpu/);
    const w = load();
    expect(Object.keys(w.jobs)).toEqual(['bench', 'merge', 'bench-gpu', 'comment']);
    const bench = w.jobs.bench as Job & { strategy: { 'fail-fast': boolean; matrix: { shard: number[] } } };
    expect(bench.strategy).toEqual({ 'fail-fast': false, matrix: { shard: [1, 2, 3] } });
    const head = step(bench, (s) => s.run?.includes('--shard'));
    expect(head.run).toMatch(/cyclebench run --shard \$\{\{ matrix\.shard \}\}\/3 --processes 5 --no-save --json shard\/head\.json/);
    const base = step(bench, (s) => s.run?.includes('git worktree add'));
    expect(base['continue-on-error']).toBe(true);
    expect(base.run).toMatch(
      /cyclebench run --ids-from "\$GITHUB_WORKSPACE\/shard\/head\.json" --processes 5 --no-save --json "\$GITHUB_WORKSPACE\/shard\/base\.json"/,
    );
    const upload = step(bench, (s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload.with).toMatchObject({ name: 'shard-${{ matrix.shard }}-of-3', path: 'shard/', 'if-no-files-found': 'error' });
    // This pull request first, then the base on the same runner, then the upload.
    expect([head, base, upload].map((x) => bench.steps.indexOf(x))).toEqual([3, 4, 5]);
    const merge = w.jobs.merge;
    expect(merge.needs).toBe('bench');
    expect(merge.if).toBe('${{ !cancelled() }}');
    expect(merge.permissions).toBeUndefined();
    expect(step(merge, (s) => s.uses?.startsWith('actions/download-artifact@')).with).toEqual({ pattern: 'shard-*-of-3', path: 'shards' });
    const gate = step(merge, (s) => s.id === 'gate');
    expect(gate.run).toContain('cyclebench merge shards/*/head.json --allow-mixed -o head.json');
    expect(gate.run).toContain('cyclebench merge shards/*/base.json --allow-mixed -o base.json');
    expect(gate.run).toContain('cyclebench compare base.json head.json --output-dir cyclebench-results');
    expect(gate.run).toContain('echo "exit-code=$code" >> "$GITHUB_OUTPUT"');
    expect(step(merge, (s) => s.uses?.startsWith('actions/upload-artifact@')).with).toMatchObject({ name: 'cyclebench-results' });
    expect(step(merge, (s) => s.run?.includes('exit ${{ steps.gate.outputs.exit-code }}')).if).toBe("steps.gate.outputs.exit-code != '0'");
    // The shard artifacts are not the comment job's: its pattern does not match them.
    expect(w.jobs.comment.needs).toEqual(['merge', 'bench-gpu']);
    const pattern = step(w.jobs.comment, (s) => s.uses?.startsWith('actions/download-artifact@')).with!.pattern as string;
    const glob = (pat: string) => new RegExp(`^${pat.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    expect(glob(pattern).test('shard-1-of-3')).toBe(false);
    expect(glob(pattern).test('cyclebench-results')).toBe(true);
    expect(glob('shard-*-of-3').test('shard-2-of-3')).toBe(true);
    for (const [name, job] of Object.entries(w.jobs))
      for (const s of job.steps.filter((x) => x.run)) {
        const b = spawnSync('bash', ['-n'], { input: s.run, encoding: 'utf8' });
        expect(b.status, `${name}: ${s.name}: ${b.stderr}`).toBe(0);
      }
  });

  it('refuses what it cannot write (exit 4)', async () => {
    for (const args of [
      ['init'],
      ['init', 'github'],
      ['init', 'ci', '--gpu-runner', 'gpu: evil'],
      ['init', 'ci', '--node', 'latest'],
      ['init', 'ci', '--shards', '1'],
      ['init', 'ci', '--shards', '65'],
      ['init', 'ci', '--shards', 'two'],
    ]) {
      const r = await p.cli(args);
      expect(r.code, args.join(' ')).toBe(4);
    }
  });
});
