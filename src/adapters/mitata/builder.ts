/**
 * mitata's `B`: a benchmark with its arguments, built by chaining (`.args()`, `.range()`,
 * `.dense_range()`, `.baseline()`, `.gc()`...). Measuring is in trial.ts.
 */
import { kindOf } from './kinds.js';
import { measureTrials } from './trial.js';
import type { BenchFunction, Trial } from './types.js';

const COLORS = ['red', 'cyan', 'white', 'green', 'yellow', 'magenta', 'blue', 'black', 'gray'] as const;
type Color = (typeof COLORS)[number];

export class B {
  _name = '';
  _args: Record<string, any[]> = {};
  _gc: boolean | 'once' | 'inner' = 'once';
  _highlight: false | Color = false;
  _compact = false;
  _baseline = false;
  /** The scope (collection) it was declared in. */
  _group = 0;

  constructor(
    name: string,
    readonly f: BenchFunction,
  ) {
    this.name(name);
    if (!kindOf(f)) throw new TypeError('expected iterator, generator or one-shot function');
  }

  name(name: string, color: false | Color = false): this {
    this._name = name;
    return this.highlight(color);
  }

  /** `'inner'` calls `gc()` between samples (with `node --expose-gc`); `'once'` and booleans change nothing here. */
  gc(gc: boolean | 'once' | 'inner' = 'once'): this {
    if (![true, false, 'once', 'inner'].includes(gc)) throw new TypeError('invalid gc type');
    this._gc = gc;
    return this;
  }

  highlight(color: false | Color = false): this {
    if (color && !COLORS.includes(color)) throw new TypeError('invalid highlight color');
    this._highlight = color;
    return this;
  }

  compact(on = true): this {
    this._compact = on;
    return this;
  }

  /** The contender others in its summary are compared with. */
  baseline(on = true): this {
    this._baseline = on;
    return this;
  }

  /** `s`, `s*m`, `s*m²`... up to `e` (always included). */
  range(name: string, s: number, e: number, multiplier = 8): this {
    const values: number[] = [];
    for (let v = s; v <= e; v *= multiplier) values.push(Math.min(v, e));
    if (!values.includes(e)) values.push(e);
    return this.args(name, values);
  }

  /** `s`, `s+a`, `s+2a`... up to `e` (always included). */
  dense_range(name: string, s: number, e: number, accumulator = 1): this {
    const values: number[] = [];
    for (let v = s; v <= e; v += accumulator) values.push(v);
    if (!values.includes(e)) values.push(e);
    return this.args(name, values);
  }

  /** `args([..])` (axis `x`), `args(name, [..])`, `args({ a: [..], b: [..] })` (every combination); `null` removes. */
  args(nameOrValues: string | any[] | Record<string, any[] | null> | null, values?: any[] | null): this {
    if (nameOrValues === null) delete this._args.x;
    else if (Array.isArray(nameOrValues)) this._args.x = nameOrValues;
    else if (typeof nameOrValues === 'string' && values === null) delete this._args[nameOrValues];
    else if (typeof nameOrValues === 'string' && Array.isArray(values)) this._args[nameOrValues] = values;
    else if (typeof nameOrValues === 'object') {
      for (const [k, v] of Object.entries(nameOrValues)) {
        if (v == null) delete this._args[k];
        else if (Array.isArray(v)) this._args[k] = v;
        else throw new TypeError('invalid arguments map value');
      }
    } else throw new TypeError('invalid arguments');
    return this;
  }

  /** Every argument point, first axis varying fastest (mitata's order). */
  points(): Record<string, any>[] {
    let points: Record<string, any>[] = [{}];
    for (const [k, vs] of Object.entries(this._args)) points = vs.flatMap((v) => points.map((p) => ({ ...p, [k]: v })));
    return points;
  }

  /** The display name at a point: `$arg` replaced by its value. */
  nameAt(args: Record<string, any>): string {
    let n = this._name;
    for (const [k, v] of Object.entries(args)) n = n.replaceAll(`$${k}`, String(v));
    return n;
  }

  /** Measures this benchmark alone over all its points. */
  async run(thrw = false): Promise<Trial> {
    return (await measureTrials([this], { throws: thrw, sampling: {} })).trials[0];
  }
}
