import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNative, tryLoad, packageRoot } from '../../src/native/load.js';
import { requireAddon } from '../capability.js';

const load = loadNative();
const ready = await requireAddon();

describe.skipIf(!ready)(`addon (${load.reason ?? 'loaded'})`, () => {
  it('loads from a local build or a prebuild and exposes the clock', () => {
    expect(['local build', 'prebuild']).toContain(load.source);
    const a = load.addon!.now();
    const b = load.addon!.now();
    expect(b).toBeGreaterThanOrEqual(a);
  });

  it('rejects bad arguments with a named error', () => {
    expect(() => load.addon!.spinTicks(-1)).toThrow(/spinTicks/);
    expect(() => (load.addon!.calibrate as (...a: unknown[]) => unknown)('x', 1)).toThrow(/calibrate/);
  });
});

describe('fallback', () => {
  it('is forced off by CYCLEBENCH_NATIVE=0 with the reason', () => {
    const r = tryLoad('0');
    expect(r.addon).toBeNull();
    expect(r.source).toBe('none');
    expect(r.reason).toMatch(/CYCLEBENCH_NATIVE=0/);
    expect(r.warning).toBeFalsy();
  });

  it('falls back silently when no build exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-nobuild-'));
    writeFileSync(join(dir, 'package.json'), '{"name":"cyclebench"}');
    const r = tryLoad(undefined, dir);
    expect(r.addon).toBeNull();
    expect(r.reason).toMatch(/no prebuild/);
    expect(r.warning).toBeFalsy();
  });

  it('reports a broken binary with a hint instead of falling back silently', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-broken-'));
    writeFileSync(join(dir, 'package.json'), '{"name":"cyclebench"}');
    mkdirSync(join(dir, 'build', 'Release'), { recursive: true });
    writeFileSync(join(dir, 'build', 'Release', 'cyclebench.node'), 'not an ELF file');
    const r = tryLoad(undefined, dir);
    expect(r.addon).toBeNull();
    expect(r.warning).toBe(true);
    expect(r.reason).toMatch(/failed to load/);
    expect(r.hint).toMatch(/rebuild/);
  });

  it('the whole library runs on JavaScript timers when forced off', () => {
    const root = packageRoot();
    const script = `
      import { capabilities } from './src/index.ts';
      const c = capabilities({ cuda: false, valgrind: false });
      console.log(JSON.stringify({ native: c.native, clock: c.clocks[0].name }));`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      env: { ...process.env, CYCLEBENCH_NATIVE: '0' },
      encoding: 'utf8',
    });
    const parsed = JSON.parse(out.trim().split('\n').pop()!);
    expect(parsed.native).toMatchObject({ available: false, source: 'none' });
    expect(parsed.native.reason).toMatch(/CYCLEBENCH_NATIVE=0/);
    expect(parsed.clock).toBe('hrtime');
  });
});

