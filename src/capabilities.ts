import { cpus, release, type as osType, arch, platform } from 'node:os';
import { readFileSync } from 'node:fs';
import type { Availability } from './errors.js';
import { loadNative } from './native/load.js';
import { bestClock, hrtimeClock, measureClock, nativeClock } from './clock/index.js';
import type { ClockReport } from './clock/index.js';
import { countersCapability, type CountersCapability } from './counters/capability.js';
import { valgrindCapability, type ValgrindCapability } from './counters/valgrind.js';
import { cudaCapability, type CudaCapability } from './gpu/capability.js';
import { maglevTurnedOff, tierFlags } from './util/v8-flags.js';

/**
 * The runtime part of the environment. Whether Maglev runs follows from the V8 version (on by default
 * from V8 13: Node 24 and 26; off on Node 20 and 22, checked with `node --v8-options` on each) and
 * the last `--maglev`/`--no-maglev` option, so no child process is needed to ask V8.
 */
export function runtimeInfo(
  versions: NodeJS.ProcessVersions = process.versions,
  execArgv: string[] = process.execArgv,
  turnedOff = maglevTurnedOff(),
): Capabilities['runtime'] {
  let maglev = Number(versions.v8.split('.')[0]) >= 13;
  for (const a of execArgv) if (a === '--maglev' || a === '--no-maglev') maglev = a === '--maglev';
  // cyclebench's own top-tier choice (preferTopTier), recorded like the flag it sets.
  if (maglev && turnedOff)
    return { node: versions.node, v8: versions.v8, execArgv, maglev: false, tierFlags: [...tierFlags(execArgv), '--no-maglev'] };
  return { node: versions.node, v8: versions.v8, execArgv, maglev, tierFlags: tierFlags(execArgv) };
}

/** Everything cyclebench knows about the machine and what it can measure on it. */
export interface Capabilities {
  cpu: { model: string; logicalCores: number; governor: string | null; arch: string };
  os: { platform: string; type: string; kernel: string };
  /**
   * The Node and V8 versions, Node's options, and what decides the JIT tiers (docs/tiering.md):
   * `maglev` says whether V8's mid tier runs (by default from V8 13, Node 24, on; `--maglev` /
   * `--no-maglev` win), `tierFlags` the options in execArgv that change tiering.
   */
  runtime: { node: string; v8: string; execArgv: string[]; maglev: boolean; tierFlags: string[] };
  native: Availability & { source: 'prebuild' | 'local build' | 'none'; path?: string; warning?: boolean; hint?: string };
  /** Every clock path, measured now; the first is the one the engine uses. */
  clocks: ClockReport[];
  /**
   * Known-truth check of the cycle clock: `spinTicks` for 1 ms worth of ticks, timed by
   * CLOCK_MONOTONIC_RAW. Unavailable without the addon.
   */
  clockCheck: Availability & { expectedNs?: number; measuredNs?: number; relError?: number };
  counters: CountersCapability;
  valgrind: ValgrindCapability;
  cuda: CudaCapability;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
}

/** Options for {@link capabilities}. */
export interface CapabilityOptions {
  /** Probe CUDA devices (opens the driver library); default true. */
  cuda?: boolean;
  /** Probe valgrind (runs `valgrind --version`); default true. */
  valgrind?: boolean;
}

/** Reports the machine, the addon and every measurement facility, each `{ available, reason }`. */
export function capabilities(options: CapabilityOptions = {}): Capabilities {
  const load = loadNative();
  const native = load.addon
    ? { available: true as const, source: load.source, path: load.path }
    : { available: false as const, reason: load.reason ?? 'not loaded', source: load.source, warning: load.warning, hint: load.hint };
  const clocks: ClockReport[] = [measureClock(bestClock())];
  if (load.addon) {
    const rdtscp = nativeClock('rdtscp');
    if (rdtscp && load.addon.clockInfo().kind === 'tsc') clocks.push({ ...measureClock(rdtscp), name: 'tsc (rdtscp)' });
    clocks.push(measureClock(hrtimeClock()));
  }
  const c = cpus();
  let clockCheck: Capabilities['clockCheck'] = { available: false, reason: `needs the native addon (${load.reason ?? 'not loaded'})` };
  if (load.addon) {
    const hz = clocks[0].frequencyHz;
    const ticks = Math.round(hz * 1e-3);
    const t0 = load.addon.nowMonotonic();
    const spun = load.addon.spinTicks(ticks);
    const measuredNs = load.addon.nowMonotonic() - t0;
    const expectedNs = (spun / hz) * 1e9;
    clockCheck = { available: true, expectedNs, measuredNs, relError: measuredNs / expectedNs - 1 };
  }
  return {
    cpu: {
      model: c[0]?.model?.trim() || 'unknown',
      logicalCores: c.length,
      governor: readText('/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor'),
      arch: arch(),
    },
    os: { platform: platform(), type: osType(), kernel: release() },
    runtime: runtimeInfo(),
    native,
    clocks,
    clockCheck,
    counters: countersCapability(),
    valgrind: options.valgrind === false ? { available: false, reason: 'not probed' } : valgrindCapability(),
    cuda: options.cuda === false ? { available: false, reason: 'not probed' } : cudaCapability(),
  };
}
