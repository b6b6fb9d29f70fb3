/**
 * Environment fingerprint comparison. Differences that change what is measured (CPU model, Node major,
 * V8 flags, measurement mode) are warnings printed as a banner; others are listed as notes.
 */
import type { RunResult } from '../result/types.js';

/** One differing field. */
export interface EnvDifference {
  field: string;
  base: string;
  current: string;
  /** `warning` fields invalidate a comparison's premise; `note` fields rarely matter. */
  severity: 'warning' | 'note';
}

/** The result of comparing two runs' environments. */
export interface EnvComparison {
  /** True when no warning-level field differs. */
  comparable: boolean;
  differences: EnvDifference[];
  /** One line per warning-level difference. */
  warnings: string[];
}

const major = (v: string) => /^v?(\d+)/.exec(v)?.[1] ?? v;

/** Compares the environments of two runs. */
export function compareEnvironments(base: RunResult, current: RunResult): EnvComparison {
  const a = base.environment;
  const b = current.environment;
  const fields: [string, string, string, 'warning' | 'note'][] = [
    ['CPU model', a.cpu.model, b.cpu.model, 'warning'],
    ['Node major version', major(a.runtime.node), major(b.runtime.node), 'warning'],
    ['V8/Node flags (execArgv)', a.runtime.execArgv.join(' ') || '(none)', b.runtime.execArgv.join(' ') || '(none)', 'warning'],
    ['mode', base.mode, current.mode, 'warning'],
    ['logical cores', String(a.cpu.logicalCores), String(b.cpu.logicalCores), 'note'],
    ['CPU governor', a.cpu.governor ?? 'unknown', b.cpu.governor ?? 'unknown', 'note'],
    ['architecture', a.cpu.arch, b.cpu.arch, 'warning'],
    ['OS', `${a.os.platform} ${a.os.kernel}`, `${b.os.platform} ${b.os.kernel}`, 'note'],
    ['Node version', a.runtime.node, b.runtime.node, 'note'],
    ['V8 version', a.runtime.v8, b.runtime.v8, 'note'],
    ['clock', a.clock.name, b.clock.name, 'note'],
    ['native addon', a.native.available ? 'loaded' : 'not loaded', b.native.available ? 'loaded' : 'not loaded', 'note'],
  ];
  const differences = fields.filter(([, x, y]) => x !== y).map(([field, x, y, severity]) => ({ field, base: x, current: y, severity }));
  // A changed Node version within one major is a note unless the major differs (already a warning).
  const warnings = differences
    .filter((d) => d.severity === 'warning')
    .map((d) => `${d.field} differs: ${d.base} (base) vs ${d.current} (current)`);
  if (a.git?.dirty || b.git?.dirty) {
    differences.push({
      field: 'git',
      base: a.git ? `${a.git.commit.slice(0, 10)}${a.git.dirty ? ' (dirty)' : ''}` : 'not a checkout',
      current: b.git ? `${b.git.commit.slice(0, 10)}${b.git.dirty ? ' (dirty)' : ''}` : 'not a checkout',
      severity: 'note',
    });
  }
  // Benchmarks measured with different V8 flags of their own (a steady heap, the top tier) differ in what they measure.
  const flagsOf = (run: RunResult) => new Map(run.benchmarks.map((x) => [x.id, x.processFlags?.join(' ') || '(host defaults)']));
  const fa = flagsOf(base);
  for (const [id, cur] of flagsOf(current)) {
    const was = fa.get(id);
    if (was !== undefined && was !== cur) warnings.push(`${id}: measured with different process flags: ${was} (base) vs ${cur} (current)`);
  }
  return { comparable: warnings.length === 0, differences, warnings };
}
