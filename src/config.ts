/**
 * `cyclebench.config.{ts,js,mjs,json}`: loading (JSON by reading, .js/.mjs by dynamic import, .ts via
 * tsx) and turning the regression part of it, plus command-line flags, into a {@link Policy}.
 * Unknown keys are kept for other parts of cyclebench (the engine reads its own options).
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CycleBenchError } from './errors.js';
import { didYouMean } from './util/nearest.js';
import { DEFAULT_POLICY, type Correction, type Policy, type PolicyOverride } from './compare/policy.js';
import { validateReferences, type ReferenceSpec } from './compare/references.js';
import { parseTargetFlag, parseTargets } from './compare/targets.js';

/** The config file names looked for, in this order. */
export const CONFIG_FILES = ['cyclebench.config.ts', 'cyclebench.config.js', 'cyclebench.config.mjs', 'cyclebench.config.json'] as const;

/** A config file: the regression policy. Every key is checked; an unknown one is an error naming the nearest known key. */
export interface CycleBenchConfig {
  /** Significance level after the suite-wide correction. @default 0.05 */
  alpha?: number;
  /** Relative noise band, 0.05 = ±5%. @default 0.05 */
  noise?: number;
  /** Noise band when both sides were measured in several processes (`--processes`). Follows `noise` when only that is set. @default 0.02 */
  processNoise?: number;
  /** Noise band of paired rounds (`cyclebench ab`). Follows `noise` when only that is set. @default 0.005 */
  pairedNoise?: number;
  /** Noise band for instruction counts (`--mode instructions`). @default 0.005 */
  instructionNoise?: number;
  /** Band for peak memory (RSS) of benchmarks with sampled resources; growth beyond it is a warning. @default 0.2 */
  memoryNoise?: number;
  /** Band for CPU time per iteration or request of benchmarks with sampled resources; growth beyond it is a regression. @default 0.1 */
  cpuNoise?: number;
  /** Multiple-comparison correction: 'holm', 'bh' (Benjamini-Hochberg) or 'none'. @default 'holm' */
  correction?: Correction;
  /** Per-benchmark alpha/noise: `{ "db/*": { noise: 0.1 } }` or `[{ match: "db/*", noise: 0.1 }]`. @default none */
  overrides?: Record<string, { alpha?: number; noise?: number }> | PolicyOverride[];
  /** Absolute targets per id or glob: `{ parse: "p95 < 100ms", "db/*": ["mean < 50us"] }`. @default none */
  targets?: Record<string, string | string[]>;
  /** Reference comparisons: `[{ bench: "query", against: { name: "neo4j", value: "27.96ms" }, maxRatio: 1.0 }]`. @default none */
  references?: ReferenceSpec[];
  /** Re-runs of suspected regressions, in fresh processes, before failing (only `run` can re-run). @default 2 */
  confirm?: number;
  /** A regression counts if it reproduces in 'all' or a 'majority' of confirmation re-runs. @default 'all' */
  confirmRule?: 'all' | 'majority';
  /** History analysis: trailing window and minimum runs. @default { window: 10, minRuns: 5 } */
  history?: { window?: number; minRuns?: number };
  /** Accept benchmarks of the baseline that a run no longer has; else they fail the gate (exit 1). @default false */
  allowRemoved?: boolean;
  /** Fresh processes each benchmark is measured in by `cyclebench run` (`--processes`). @default 1 */
  processes?: number;
  /**
   * Where history, baselines and tags are kept: 'files' (`.cyclebench/`) or a `postgres://` URL
   * (leave the password out: PGPASSWORD supplies it). `--store` and CYCLEBENCH_STORE win over it.
   * @default 'files'
   */
  store?: string;
  /** `steady`: measure in processes with a fixed young generation (`--heap`; docs/allocation.md). @default 'default' */
  heap?: 'default' | 'steady';
  /** `top`: measure in processes without Maglev, at the top JIT tier (`--tier`; docs/tiering.md). @default 'default' */
  tier?: 'default' | 'top';
}

/** Every key a config file may have. */
export const CONFIG_KEYS: readonly (keyof CycleBenchConfig)[] = [
  'alpha',
  'noise',
  'processNoise',
  'pairedNoise',
  'instructionNoise',
  'memoryNoise',
  'cpuNoise',
  'correction',
  'overrides',
  'targets',
  'references',
  'confirm',
  'confirmRule',
  'history',
  'allowRemoved',
  'processes',
  'store',
  'heap',
  'tier',
];

/** Identity helper for typed config files: `export default defineConfig({ ... })`. */
export function defineConfig(config: CycleBenchConfig): CycleBenchConfig {
  return config;
}

/** A loaded config and where it came from (null when there is none). */
export interface LoadedConfig {
  config: CycleBenchConfig;
  file: string | null;
}

/**
 * Finds and loads the config of `cwd` (or `explicit`, relative to `cwd`). No file is not an error.
 * Two candidate files at once, a file that fails to load, or one whose default export is not an
 * object is `E_CONFIG` naming the file.
 */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  let file: string;
  if (explicit) {
    file = path.resolve(cwd, explicit);
    if (!fs.existsSync(file)) throw new CycleBenchError('E_CONFIG', `Config file ${file} does not exist.`);
  } else {
    const found = CONFIG_FILES.map((f) => path.join(cwd, f)).filter((f) => fs.existsSync(f));
    if (found.length === 0) return { config: {}, file: null };
    if (found.length > 1) {
      throw new CycleBenchError('E_CONFIG', `Several config files in ${cwd}: ${found.map((f) => path.basename(f)).join(', ')}. Keep one.`);
    }
    file = found[0];
  }
  let value: unknown;
  try {
    if (file.endsWith('.json')) value = JSON.parse(fs.readFileSync(file, 'utf8'));
    else if (/\.(c|m)?ts$/.test(file)) {
      const { tsImport } = await import('tsx/esm/api');
      const mod = (await tsImport(pathToFileURL(file).href, { parentURL: import.meta.url })) as Record<string, unknown>;
      value = unwrapDefault(mod);
    } else {
      const mod = (await import(`${pathToFileURL(file).href}?t=${fs.statSync(file).mtimeMs}`)) as Record<string, unknown>;
      value = unwrapDefault(mod);
    }
  } catch (err) {
    throw new CycleBenchError('E_CONFIG', `Cannot load config ${file}: ${(err as Error).message}`, { cause: err });
  }
  if (typeof value === 'function') value = await (value as () => unknown)();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CycleBenchError(
      'E_CONFIG',
      `Config ${file} must export an object (export default { ... }), got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}.`,
    );
  }
  for (const key of Object.keys(value)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key))
      throw new CycleBenchError(
        'E_CONFIG',
        `Config ${file}: unknown key '${key}'.${didYouMean(key, CONFIG_KEYS)} Known keys: ${CONFIG_KEYS.join(', ')}.`,
      );
  }
  return { config: value as CycleBenchConfig, file };
}

function unwrapDefault(mod: Record<string, unknown>): unknown {
  let v: unknown = mod.default ?? mod;
  // tsx may wrap CommonJS-style output in a second default.
  if (v && typeof v === 'object' && 'default' in v && Object.keys(v).length === 1) v = (v as { default: unknown }).default;
  return v;
}

/** Flags that shape the policy (`--alpha`, `--noise`, `--correction`, `--confirm`, `--target`). */
export interface PolicyFlags {
  alpha?: string | number;
  noise?: string | number;
  correction?: string;
  confirm?: string | number;
  target?: string[];
  'allow-removed'?: boolean;
}

function checkAlpha(v: unknown, where: string, code: 'E_CONFIG' | 'E_USAGE'): number {
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !(n > 0 && n <= 0.5))
    throw new CycleBenchError(code, `${where}: alpha must be a number in (0, 0.5], got ${JSON.stringify(v)}.`);
  return n;
}

function checkNoise(v: unknown, where: string, code: 'E_CONFIG' | 'E_USAGE'): number {
  const n = typeof v === 'string' ? Number(v.endsWith('%') ? Number(v.slice(0, -1)) / 100 : v) : v;
  if (typeof n !== 'number' || !(n >= 0 && n < 1)) {
    throw new CycleBenchError(code, `${where}: noise must be a fraction in [0, 1) such as 0.02 (or "2%"), got ${JSON.stringify(v)}.`);
  }
  return n;
}

function checkCorrection(v: unknown, where: string, code: 'E_CONFIG' | 'E_USAGE'): Correction {
  if (v === 'holm' || v === 'bh' || v === 'none') return v;
  throw new CycleBenchError(code, `${where}: correction must be "holm", "bh" or "none", got ${JSON.stringify(v)}.`);
}

function checkConfirm(v: unknown, where: string, code: 'E_CONFIG' | 'E_USAGE'): number {
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 20) {
    throw new CycleBenchError(code, `${where}: confirm must be a whole number of re-runs from 0 to 20, got ${JSON.stringify(v)}.`);
  }
  return n;
}

/** Builds the policy from a config (validated, `E_CONFIG`) and flags (validated, `E_USAGE`); flags win. */
export function resolvePolicy(loaded: LoadedConfig, flags: PolicyFlags = {}): Policy {
  const c = loaded.config;
  const where = loaded.file ?? 'config';
  const p: Policy = { ...DEFAULT_POLICY, overrides: [], targets: [], references: [], history: { ...DEFAULT_POLICY.history } };
  if (c.alpha !== undefined) p.alpha = checkAlpha(c.alpha, where, 'E_CONFIG');
  if (c.noise !== undefined) p.noise = p.processNoise = p.pairedNoise = checkNoise(c.noise, where, 'E_CONFIG');
  if (c.processNoise !== undefined) p.processNoise = checkNoise(c.processNoise, `${where}: processNoise`, 'E_CONFIG');
  if (c.pairedNoise !== undefined) p.pairedNoise = checkNoise(c.pairedNoise, `${where}: pairedNoise`, 'E_CONFIG');
  if (c.instructionNoise !== undefined) p.instructionNoise = checkNoise(c.instructionNoise, where, 'E_CONFIG');
  if (c.memoryNoise !== undefined) p.memoryNoise = checkNoise(c.memoryNoise, `${where}: memoryNoise`, 'E_CONFIG');
  if (c.cpuNoise !== undefined) p.cpuNoise = checkNoise(c.cpuNoise, `${where}: cpuNoise`, 'E_CONFIG');
  if (c.correction !== undefined) p.correction = checkCorrection(c.correction, where, 'E_CONFIG');
  if (c.confirm !== undefined) p.confirm = checkConfirm(c.confirm, where, 'E_CONFIG');
  if (c.confirmRule !== undefined) {
    if (c.confirmRule !== 'all' && c.confirmRule !== 'majority')
      throw new CycleBenchError('E_CONFIG', `${where}: confirmRule must be "all" or "majority".`);
    p.confirmRule = c.confirmRule;
  }
  if (c.overrides !== undefined) {
    const list: PolicyOverride[] = Array.isArray(c.overrides)
      ? c.overrides
      : typeof c.overrides === 'object' && c.overrides !== null
        ? Object.entries(c.overrides).map(([match, o]) => ({ match, ...o }))
        : (() => {
            throw new CycleBenchError('E_CONFIG', `${where}: overrides must be an object or a list.`);
          })();
    p.overrides = list.map((o, i) => {
      if (!o || typeof o.match !== 'string') throw new CycleBenchError('E_CONFIG', `${where}: overrides[${i}] needs a "match" id or glob.`);
      for (const k of Object.keys(o))
        if (!['match', 'alpha', 'noise'].includes(k))
          throw new CycleBenchError('E_CONFIG', `${where}: overrides ${o.match}: unknown key '${k}'.${didYouMean(k, ['alpha', 'noise'])}`);
      return {
        match: o.match,
        ...(o.alpha !== undefined ? { alpha: checkAlpha(o.alpha, `${where}: overrides ${o.match}`, 'E_CONFIG') } : {}),
        ...(o.noise !== undefined ? { noise: checkNoise(o.noise, `${where}: overrides ${o.match}`, 'E_CONFIG') } : {}),
      };
    });
  }
  if (c.targets !== undefined) {
    if (typeof c.targets !== 'object' || c.targets === null || Array.isArray(c.targets)) {
      throw new CycleBenchError('E_CONFIG', `${where}: targets must be an object { "id or glob": "p95 < 100ms" }.`);
    }
    p.targets = parseTargets(c.targets, where);
  }
  p.references = validateReferences(c.references, where);
  if (c.processes !== undefined && (!Number.isInteger(c.processes) || c.processes < 1 || c.processes > 100))
    throw new CycleBenchError('E_CONFIG', `${where}: processes must be a whole number from 1 to 100, got ${JSON.stringify(c.processes)}.`);
  if (c.heap !== undefined && c.heap !== 'default' && c.heap !== 'steady')
    throw new CycleBenchError('E_CONFIG', `${where}: heap must be "default" or "steady", got ${JSON.stringify(c.heap)}.`);
  if (c.tier !== undefined && c.tier !== 'default' && c.tier !== 'top')
    throw new CycleBenchError('E_CONFIG', `${where}: tier must be "default" or "top", got ${JSON.stringify(c.tier)}.`);
  if (c.allowRemoved !== undefined) {
    if (typeof c.allowRemoved !== 'boolean') throw new CycleBenchError('E_CONFIG', `${where}: allowRemoved must be true or false.`);
    p.allowRemoved = c.allowRemoved;
  }
  if (c.history !== undefined) {
    const h = c.history;
    if (typeof h !== 'object' || h === null)
      throw new CycleBenchError('E_CONFIG', `${where}: history must be an object { window, minRuns }.`);
    for (const k of Object.keys(h))
      if (k !== 'window' && k !== 'minRuns')
        throw new CycleBenchError('E_CONFIG', `${where}: unknown key history.${k}.${didYouMean(k, ['window', 'minRuns'])}`);
    if (h.window !== undefined) {
      if (!Number.isInteger(h.window) || h.window < 3)
        throw new CycleBenchError('E_CONFIG', `${where}: history.window must be a whole number >= 3.`);
      p.history.window = h.window;
    }
    if (h.minRuns !== undefined) {
      if (!Number.isInteger(h.minRuns) || h.minRuns < 3)
        throw new CycleBenchError('E_CONFIG', `${where}: history.minRuns must be a whole number >= 3.`);
      p.history.minRuns = h.minRuns;
    }
  }
  if (flags.alpha !== undefined) p.alpha = checkAlpha(flags.alpha, '--alpha', 'E_USAGE');
  // --noise is the band asked for on this command line: it applies however the sides were measured.
  if (flags.noise !== undefined) p.noise = p.processNoise = p.pairedNoise = checkNoise(flags.noise, '--noise', 'E_USAGE');
  if (flags.correction !== undefined) p.correction = checkCorrection(flags.correction, '--correction', 'E_USAGE');
  if (flags.confirm !== undefined) p.confirm = checkConfirm(flags.confirm, '--confirm', 'E_USAGE');
  for (const t of flags.target ?? []) p.targets.push(parseTargetFlag(t));
  if (flags['allow-removed']) p.allowRemoved = true;
  return p;
}

/** Loads the config of `cwd` and resolves the policy with `flags` in one step. */
export async function loadPolicy(
  cwd: string,
  flags: PolicyFlags & { config?: string } = {},
): Promise<{ policy: Policy; configFile: string | null; config: CycleBenchConfig }> {
  const loaded = await loadConfig(cwd, flags.config);
  return { policy: resolvePolicy(loaded, flags), configFile: loaded.file, config: loaded.config };
}
