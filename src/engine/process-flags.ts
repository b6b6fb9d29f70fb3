/**
 * Benchmarks measured in a process with V8 flags of their own (docs/allocation.md, docs/tiering.md):
 * - `heap: 'steady'`: a young generation fixed at 16 MB and single-threaded GC, so the semi-space does
 *   not grow during the run and scavenges do not wait for helper threads; reported times then carry
 *   the steady-state GC cost (lower: 0.5% of JSON.parse's time instead of 3.4%) and RSS rises ~28 MB.
 * - `tier: 'top'`: no Maglev (`--no-maglev`), so on Node 24 and 26 the measured code reaches TurboFan
 *   instead of staying in Maglev for seconds (4.6-8.9 ns/step against 1.35 for the LCG loop). The
 *   engine's own process already turns Maglev off at run time (`preferTopTier`) unless node was started
 *   with `--maglev`; this makes it explicit, in a child.
 * V8 flags apply to a heap when it is created, not after (`v8.setFlagsFromString` has no effect on an
 * existing heap: checked), so such a task always runs in a fresh child process.
 */
import type { BenchResult } from '../result/types.js';
import { supportedV8Flags } from '../util/v8-flags.js';

/** How a benchmark's process is set up; `default` is the host's own. */
export interface ProcessSetup {
  /** @default 'default' */
  heap?: 'default' | 'steady';
  /** @default 'default' */
  tier?: 'default' | 'top';
}

const HEAP_STEADY = ['--min-semi-space-size=16', '--max-semi-space-size=16', '--single-threaded-gc'];
const TIER_TOP = ['--no-maglev'];

/** The node flags a setup needs (later layers win); empty for the host's defaults. */
export function processFlags(...layers: (ProcessSetup | undefined)[]): string[] {
  let heap: ProcessSetup['heap'] = 'default';
  let tier: ProcessSetup['tier'] = 'default';
  for (const l of layers) {
    if (l?.heap) heap = l.heap;
    if (l?.tier) tier = l.tier;
  }
  const flags = [...(heap === 'steady' ? HEAP_STEADY : []), ...(tier === 'top' ? TIER_TOP : [])];
  // Every flag exists on Node 20-26 (checked); a Node whose V8 lacks one still starts, without it.
  return flags.length ? supportedV8Flags(flags).kept : flags;
}

/** Records the flags on each result, so `compare` can say when two runs were set up differently. */
export function withProcessFlags(results: BenchResult[], flags: string[]): BenchResult[] {
  if (flags.length) for (const r of results) r.processFlags = flags;
  return results;
}
