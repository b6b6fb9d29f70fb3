/**
 * The data flows one way (docs/design.md): definitions -> engine -> samples -> stats -> result ->
 * compare/history -> reporters -> CLI. Every source file's relative imports, type imports included,
 * must point to its own stage or a lower one, and no group of modules may import each other in a cycle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '..', '..', 'src');

/** Stage of each top-level folder or file of src/; a module may import only its stage or lower. */
const STAGE: Record<string, number> = {
  'errors.ts': 0,
  util: 0,
  result: 0,
  stats: 1,
  native: 1,
  clock: 2,
  counters: 3,
  gpu: 3,
  'capabilities.ts': 4,
  resources: 4,
  engine: 5,
  load: 5,
  store: 6,
  importers: 6,
  compare: 7,
  'config.ts': 8,
  report: 9,
  'api.ts': 10,
  adapters: 10,
  cli: 10,
  'index.ts': 11,
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g))
    out.push(resolve(dirname(file), m[1]).replace(/\.js$/, '.ts'));
  return out;
}

const stageOf = (file: string) => STAGE[relative(SRC, file).split('/')[0]];

describe('module layers', () => {
  const all = files(SRC);
  const graph = new Map(all.map((f) => [f, imports(f)]));

  it('every src file belongs to a stage', () => {
    expect(all.filter((f) => stageOf(f) === undefined).map((f) => relative(SRC, f))).toEqual([]);
  });

  it('no import runs back up a stage', () => {
    const back: string[] = [];
    for (const [f, deps] of graph)
      for (const d of deps) if (stageOf(d) > stageOf(f)) back.push(`${relative(SRC, f)} -> ${relative(SRC, d)}`);
    expect(back).toEqual([]);
  });

  it('no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].map((x) => relative(SRC, x)).join(' -> '));
        return;
      }
      state.set(f, 'open');
      for (const d of graph.get(f) ?? []) visit(d, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of all) visit(f, []);
    expect(cycles).toEqual([]);
  });
});
