/** Performance states and process setups as report lines: the same words in every format. */
import type { BenchResult, StatesSummary } from '../result/types.js';
import { formatValue } from '../result/text.js';

/** "2 states: 8.40 µs (60% of samples, GC in 1.0% of its samples), 14.0 µs (40%, GC in 9.0% of its samples); 3 switches". */
export function statesText(s: StatesSummary, unit: BenchResult['unit']): string {
  const of = s.across === 'processes' ? 'processes' : 'samples';
  const parts = s.states.map((x, i) => {
    const gc = x.gcPerSample !== undefined ? `, GC in ${(Math.min(1, x.gcPerSample) * 100).toFixed(1)}% of its samples` : '';
    return `${formatValue(x.level, unit)} (${Math.round(x.share * 100)}%${i === 0 ? ` of ${of}` : ''}${gc})`;
  });
  const switches = s.across === 'processes' ? '' : `; ${s.switches} switch${s.switches === 1 ? '' : 'es'}`;
  const warm = s.warmupLevel !== undefined ? `; ${formatValue(s.warmupLevel, unit)} during warm-up, before the tier changed` : '';
  return `${s.states.length} state${s.states.length === 1 ? '' : 's'}${s.across === 'processes' ? ' across processes' : ''}: ${parts.join(', ')}${switches}${warm}`;
}

/** What a reader should do about states: why the median is a mix, and what may help, from what differed between them. */
export function statesHint(s: StatesSummary): string {
  if (s.tierChange)
    return 'the levels are 2.5x or more apart: most likely a JIT tier change (Maglev to TurboFan on Node 24+); measure the top tier with { tier: "top" } or --tier top (docs/tiering.md)';
  const gc = s.states.map((x) => x.gcPerSample ?? 0);
  if (Math.max(...gc) > 0.01 && Math.max(...gc) >= 2 * Math.min(...gc))
    return 'GC ran at different rates in the states: allocating code; the median describes the mix; try { heap: "steady" } or --heap steady (docs/allocation.md)';
  return "the level changed without a change in GC: the machine's state (other load, a shared core) or the JIT; the median describes the mix; measure on a quiet machine, or compare runs with --processes (docs/allocation.md)";
}

/** The flags column's mark: `states:2`, `tier-change?`. */
export function statesFlag(b: BenchResult): string | undefined {
  if (!b.states) return undefined;
  return b.states.tierChange ? 'tier-change?' : `states:${b.states.states.length}`;
}

/** Lines under a run's table: each benchmark with states, and the process setups used. */
export function stateLines(benchmarks: readonly BenchResult[]): string[] {
  const lines: string[] = [];
  for (const b of benchmarks) {
    if (!b.states) continue;
    lines.push('', `${b.id}: ${statesText(b.states, b.unit)}`, `  ${statesHint(b.states)}`);
  }
  const setups = new Map<string, string[]>();
  for (const b of benchmarks)
    if (b.processFlags?.length) setups.set(b.processFlags.join(' '), [...(setups.get(b.processFlags.join(' ')) ?? []), b.id]);
  for (const [flags, ids] of setups) lines.push('', `measured in a process started with ${flags}: ${ids.join(', ')}`);
  return lines;
}
