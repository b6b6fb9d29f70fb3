/**
 * The counters and instrument parts of the addon, typed. The loader types the addon as
 * `ClockBinding & Record<string, unknown>`; these guards narrow it where the parts are used.
 */
import { loadNative } from '../native/load.js';

/** An event as the native counter set reports it, with its buffer slots when it opened. */
export interface NativeCounterEvent {
  name: string;
  kind: 'hardware' | 'software';
  description: string;
  available: boolean;
  reason?: string;
  group?: number;
  valueSlot?: number;
  enabledSlot?: number;
  runningSlot?: number;
}

/** A perf_event group: read with one read() (or rdpmc, when `rdpmc`). */
export interface NativeCounterGroup {
  kind: 'hardware' | 'software';
  members: number;
  rdpmc: boolean;
  enabledSlot: number;
  runningSlot: number;
}

/** The object `openCounters` returns. */
export interface NativeCounterSet {
  events: NativeCounterEvent[];
  groups: NativeCounterGroup[];
  /** Doubles `read()` writes into the bound buffer. */
  length: number;
  /** Reads every group into the bound buffer: [enabled, running, values...] per group. */
  read(): void;
  /** Binds the Float64Array that `read()` writes (at least `length` elements). */
  bind(buf: Float64Array): void;
  /** Closes the descriptors; later reads throw. */
  close(): void;
  /** How reads were served so far. */
  stats(): { rdpmcReads: number; syscallReads: number; closed: boolean };
}

/** native/counters exports. */
export interface CountersBinding {
  countersSupported: boolean;
  counterEvents(): Array<{ name: string; kind: 'hardware' | 'software'; description: string }>;
  perfEventParanoid(): number | null;
  openCounters(names: string[], options?: { includeKernel?: boolean; rdpmc?: boolean }): NativeCounterSet;
  countersTestHooks: {
    /** mmaps n fresh pages (no huge pages), writes one byte to each, unmaps; returns n. */
    touchPages(n: number): number;
    /** Runs the rdpmc seqlock protocol on a fake perf_event_mmap_page with fake rdpmc/rdtsc readers. */
    readMmapPage(page: FakeMmapPage): { valid: boolean; count: bigint; enabled: bigint; running: bigint; counter?: number };
    /** Sign-extends a `width`-bit counter value. */
    signExtend(raw: bigint, width: number): bigint;
  };
}

/** Fields of the fake perf_event_mmap_page for the readMmapPage test hook (numbers or bigints). */
export interface FakeMmapPage {
  lock?: number;
  index?: number;
  offset?: number | bigint;
  timeEnabled?: number | bigint;
  timeRunning?: number | bigint;
  capUserRdpmc?: boolean;
  capUserTime?: boolean;
  pmcWidth?: number;
  timeShift?: number;
  timeMult?: number;
  timeOffset?: number | bigint;
  /** What the fake rdpmc returns. */
  pmcRaw?: number | bigint;
  /** What the fake rdtsc returns. */
  tsc?: number | bigint;
}

/** native/instrument exports. */
export interface InstrumentBinding {
  /** False where valgrind.h has no client-request sequence for the target. */
  callgrindSupported: boolean;
  /** Valgrind layers the process runs under; 0 natively. */
  runningOnValgrind(): number;
  /** Zero stats, start instrumentation, collection on. */
  callgrindBegin(): void;
  /** Collection off, dump under label, stop instrumentation. */
  callgrindEnd(label: string): void;
  /** While true, begin/end run their full paths without client requests (warming them up). */
  callgrindDry(dry: boolean): void;
  /** A native loop of exactly `knownLoopInstructionsPerIteration` instructions per iteration. */
  knownLoop(n: number): number;
  /** 3 on x86-64; 0 where the loop is plain C++ and no exact count is claimed. */
  knownLoopInstructionsPerIteration: number;
}

/** The counters part of the loaded addon, or null (with the loader's reason) when it is missing. */
export function countersBinding(): { binding: CountersBinding | null; reason?: string } {
  const { addon, reason } = loadNative();
  if (!addon) return { binding: null, reason: `native addon not loaded: ${reason ?? 'unknown reason'}` };
  if (typeof addon.openCounters !== 'function')
    return { binding: null, reason: 'the loaded addon predates counter support (rebuild with `npm run build:native`)' };
  return { binding: addon as unknown as CountersBinding };
}

/** The instrument part of the loaded addon, or null (with why) when it is missing. */
export function instrumentBinding(): { binding: InstrumentBinding | null; reason?: string } {
  const { addon, reason } = loadNative();
  if (!addon) return { binding: null, reason: `native addon not loaded: ${reason ?? 'unknown reason'}` };
  if (typeof addon.callgrindBegin !== 'function')
    return { binding: null, reason: 'the loaded addon predates callgrind support (rebuild with `npm run build:native`)' };
  return { binding: addon as unknown as InstrumentBinding };
}
