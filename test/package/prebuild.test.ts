// Packs the library with its prebuild, installs the tarball into a fresh project on a PATH that
// holds only node and npm (no compiler, make or python), and checks the prebuild loads and works.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, cpSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { packageRoot } from '../../src/native/load.js';

const root = packageRoot();
const npmCli = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
const canRun = process.platform === 'linux' && existsSync(npmCli);

describe.skipIf(!canRun)(`packed tarball (${canRun ? 'linux with npm' : 'needs Linux and a system npm'})`, () => {
  it('installs without a compiler and loads the prebuild', () => {
    const run = (cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }) =>
      execFileSync(cmd, args, { ...opts, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

    // Build and pack in a copy of the package, so that prebuildify (which moves build/Release's
    // output) never disturbs the addon other test files are using. dist/ is the bundle `npm install`
    // built (global-setup rebuilds its JavaScript when a source is newer): packing with
    // --ignore-scripts ships it as it is instead of running `prepare` (tsup with .d.ts) a second
    // time, which was about half of this test's time.
    const work = mkdtempSync(join(tmpdir(), 'cb-pack-'));
    const pkg = join(work, 'pkg');
    mkdirSync(pkg);
    for (const entry of [
      'package.json',
      'binding.gyp',
      'CMakeLists.txt',
      'tsconfig.json',
      'tsup.config.ts',
      'native',
      'src',
      'bin',
      'schema',
      'dist',
    ]) {
      if (existsSync(join(root, entry))) cpSync(join(root, entry), join(pkg, entry), { recursive: true });
    }
    symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'));
    run(process.execPath, [join(root, 'node_modules', 'prebuildify', 'bin.js'), '--napi', '--strip'], { cwd: pkg });
    expect(readdirSync(join(pkg, 'prebuilds', `${process.platform}-${process.arch}`)).some((f) => f.endsWith('.node'))).toBe(true);

    expect(existsSync(join(pkg, 'dist', 'index.js')) && existsSync(join(pkg, 'dist', 'index.cjs'))).toBe(true);
    const packed = run(process.execPath, [npmCli, 'pack', '--ignore-scripts', '--pack-destination', work, '--silent'], { cwd: pkg })
      .trim()
      .split('\n')
      .pop()!;
    const tarball = join(work, packed);
    expect(existsSync(tarball)).toBe(true);

    // A PATH with node and npm only: any attempt to compile would fail.
    const bin = join(work, 'bin');
    mkdirSync(bin);
    symlinkSync(process.execPath, join(bin, 'node'));
    symlinkSync(npmCli, join(bin, 'npm'));
    symlinkSync('/bin/sh', join(bin, 'sh')); // npm runs install scripts through sh
    const env: NodeJS.ProcessEnv = { HOME: process.env.HOME, PATH: bin, npm_config_prefer_offline: 'true' };
    expect(() => execFileSync('g++', ['--version'], { env, stdio: 'ignore' })).toThrow();

    const project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    run(process.execPath, [npmCli, 'install', tarball, '--no-audit', '--no-fund', '--prefer-offline'], { cwd: project, env });
    expect(existsSync(join(project, 'node_modules', 'cyclebench', 'build'))).toBe(false);

    const script = `
      import { Suite } from 'cyclebench';
      const run = await new Suite().add('sum', () => { let s = 0; for (let i = 0; i < 100; i++) s += i; return s; }).run({ quiet: true, samples: 12, warmupMs: 20 });
      const b = run.benchmarks[0];
      console.log(JSON.stringify({ source: run.environment.native.source, status: b.status, median: b.stats?.median, clock: run.environment.clock.name, native: run.environment.native.available }));`;
    const out = run(process.execPath, ['--input-type=module', '-e', script], { cwd: project, env });
    const r = JSON.parse(out.trim().split('\n').pop()!);
    expect(r.source).toBe('prebuild');
    expect(r.native).toBe(true);
    expect(r.status).toBe('ok');
    expect(r.median).toBeGreaterThan(0);
    expect(['tsc', 'cntvct', 'monotonic']).toContain(r.clock);

    // The CommonJS entry works too.
    const cjs = run(
      process.execPath,
      ['-e', "console.log(require('cyclebench').capabilities({ cuda: false, valgrind: false }).native.source)"],
      { cwd: project, env },
    );
    expect(cjs.trim()).toBe('prebuild');
  }, 240_000);
});
