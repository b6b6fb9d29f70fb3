import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../src/compare/index.js';
import { loadConfig, loadPolicy, resolvePolicy } from '../../src/config.js';
import { CycleBenchError } from '../../src/errors.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cb-cfg-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const body = {
  noise: 0.02,
  alpha: 0.01,
  confirm: 3,
  targets: { parse: 'p95 < 100ms', 'db/*': ['mean < 50us'] },
  overrides: { 'db/*': { noise: 0.1 } },
  references: [{ bench: 'query', against: { name: 'neo4j', value: '27.96ms' } }],
};

describe('config loading', () => {
  it('no file: defaults', async () => {
    const { policy, configFile } = await loadPolicy(dir);
    expect(configFile).toBeNull();
    expect(policy).toMatchObject({ alpha: DEFAULT_POLICY.alpha, noise: DEFAULT_POLICY.noise, correction: 'holm', confirm: 2 });
  });

  it.each([
    ['cyclebench.config.json', JSON.stringify(body)],
    ['cyclebench.config.mjs', `export default ${JSON.stringify(body)};`],
    ['cyclebench.config.js', `export default ${JSON.stringify(body)};`],
    [
      'cyclebench.config.ts',
      `interface C { noise: number }\nconst c: C & Record<string, unknown> = ${JSON.stringify(body)};\nexport default c;`,
    ],
  ])('loads %s', async (name, text) => {
    fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
    fs.writeFileSync(path.join(dir, name), text);
    const loaded = await loadConfig(dir);
    expect(loaded.file).toBe(path.join(dir, name));
    const p = resolvePolicy(loaded);
    expect(p).toMatchObject({ noise: 0.02, alpha: 0.01, confirm: 3 });
    expect(p.targets.map((t) => [t.match, t.stat, t.limit])).toEqual([
      ['parse', 'p95', 100e6],
      ['db/*', 'mean', 50e3],
    ]);
    expect(p.overrides).toEqual([{ match: 'db/*', noise: 0.1 }]);
    expect(p.references).toHaveLength(1);
  });

  it('flags win over config', async () => {
    fs.writeFileSync(path.join(dir, 'cyclebench.config.json'), JSON.stringify(body));
    const { policy } = await loadPolicy(dir, { noise: '0.03', alpha: '0.05', correction: 'bh', target: ['x: ops > 1e6'] });
    expect(policy).toMatchObject({ noise: 0.03, alpha: 0.05, correction: 'bh' });
    expect(policy.targets.at(-1)).toMatchObject({ match: 'x', stat: 'ops' });
    expect((await loadPolicy(dir, { noise: '2%' })).policy.noise).toBeCloseTo(0.02);
  });

  it('the bands over processes and paired rounds follow noise unless set; --noise sets all three', async () => {
    const f = path.join(dir, 'cyclebench.config.json');
    expect((await loadPolicy(dir)).policy).toMatchObject({ noise: 0.05, processNoise: 0.01, pairedNoise: 0.005 });
    fs.writeFileSync(f, JSON.stringify({ noise: 0.08 }));
    expect((await loadPolicy(dir)).policy).toMatchObject({ noise: 0.08, processNoise: 0.08, pairedNoise: 0.08 });
    fs.writeFileSync(f, JSON.stringify({ noise: 0.08, processNoise: '3%', pairedNoise: 0.005 }));
    expect((await loadPolicy(dir)).policy).toMatchObject({ noise: 0.08, processNoise: 0.03, pairedNoise: 0.005 });
    expect((await loadPolicy(dir, { noise: '4%' })).policy).toMatchObject({ noise: 0.04, processNoise: 0.04, pairedNoise: 0.04 });
    fs.writeFileSync(f, JSON.stringify({ processNoise: 2 }));
    await expect(loadPolicy(dir)).rejects.toThrow(/processNoise: noise must be a fraction/);
  });

  const code = async (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e) => (e as CycleBenchError).code,
    );

  it('bad config values are E_CONFIG naming the file; bad flags E_USAGE', async () => {
    const f = path.join(dir, 'cyclebench.config.json');
    fs.writeFileSync(f, JSON.stringify({ alpha: 2 }));
    await expect(loadPolicy(dir)).rejects.toThrow(f);
    expect(await code(loadPolicy(dir))).toBe('E_CONFIG');
    fs.writeFileSync(f, JSON.stringify({ targets: { parse: 'p95 is small' } }));
    expect(await code(loadPolicy(dir))).toBe('E_CONFIG');
    fs.writeFileSync(f, '{ not json');
    expect(await code(loadPolicy(dir))).toBe('E_CONFIG');
    fs.writeFileSync(f, '{}');
    expect(await code(loadPolicy(dir, { noise: 'lots' }))).toBe('E_USAGE');
    expect(await code(loadPolicy(dir, { correction: 'bonferroni' }))).toBe('E_USAGE');
    fs.writeFileSync(path.join(dir, 'cyclebench.config.mjs'), 'export default {}');
    expect(await code(loadPolicy(dir))).toBe('E_CONFIG'); // two config files
  });
});
