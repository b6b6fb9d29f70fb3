/** Every option a user can set says its default in its JSDoc (`@default`), as tinybench's types do. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const FILES = ['src/engine/options.ts', 'src/config.ts', 'src/load/options.ts', 'src/resources/options.ts'];
/** The interfaces users fill in (others in these files are internal). */
const USER_OPTIONS = new Set([
  'Hooks',
  'SamplingOptions',
  'BenchOptions',
  'GroupOptions',
  'RunOptions',
  'CycleBenchConfig',
  'LoadOptions',
  'ResourceOptions',
]);

/** Optional members of exported interfaces whose JSDoc lacks `@default`. */
function undocumented(file: string): string[] {
  const text = readFileSync(resolve(__dirname, '..', '..', file), 'utf8');
  const missing: string[] = [];
  for (const block of text.matchAll(/export interface (\w+)[^{]*\{([\s\S]*?)\n\}/g)) {
    if (!USER_OPTIONS.has(block[1])) continue;
    const body = block[2];
    for (const m of body.matchAll(/(\/\*\*[\s\S]*?\*\/\s*)?\n\s{2}(\w+)\?:/g))
      if (!m[1]?.includes('@default')) missing.push(`${file}: ${block[1]}.${m[2]}`);
  }
  return missing;
}

describe('option documentation', () => {
  it('every optional member of an options interface has @default', () => {
    expect(FILES.flatMap(undocumented)).toEqual([]);
  });
});
