/**
 * The typed surface of the addon's `gpu` object (native/gpu/*.cc) and the one place where its errors
 * become {@link CycleBenchError}s. Handles (device pointers, streams, modules, functions, graphs)
 * are bigints; `0n` (or 0) is the legacy default stream of the device's primary context.
 */
import { CycleBenchError } from '../errors.js';
import { loadNative } from '../native/load.js';

/** A CUDA handle as the addon passes it: a raw pointer value. */
export type Handle = bigint;

/** `{ available, reason }` of one GPU library, plus where it was opened from. */
export interface LibraryState {
  available: boolean;
  reason?: string;
  path?: string;
}

/** One CUDA device as the driver describes it. Absent fields: the driver did not say. */
export interface GpuDeviceInfo {
  ordinal: number;
  name: string;
  /** `major.minor`, e.g. `9.0` for H100. */
  computeCapability: string;
  smCount?: number;
  memoryBytes?: number;
  l2Bytes?: number;
  /** Peak SM clock (CU_DEVICE_ATTRIBUTE_CLOCK_RATE). */
  smClockMHz?: number;
  /** Peak memory clock (CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE). */
  memoryClockMHz?: number;
  memoryBusWidthBits?: number;
  maxThreadsPerBlock?: number;
  canMapHostMemory: boolean;
  pciBusId?: string;
}

/** What gpu.probe() returns. */
export interface GpuProbe {
  driver: LibraryState & { version?: string; eventElapsedTime?: string };
  nvrtc: LibraryState & { version?: string };
  nvml: LibraryState & { driverVersion?: string };
  cupti: LibraryState & { version?: number };
  devices: GpuDeviceInfo[];
}

/** A native event timer: two reusable events on one stream. */
export interface NativeTimer {
  start(): void;
  stop(): void;
  /** Synchronizes on the stop event; GPU ns between the events. */
  elapsedNs(): number;
  readonly device: number;
  readonly stream: Handle;
}

/** One NVML reading; absent fields were refused by NVML. */
export interface NvmlReading {
  smClockMHz?: number;
  smClockMaxMHz?: number;
  smClockDefaultMHz?: number;
  smClockAppMHz?: number;
  memClockMaxMHz?: number;
  memoryBusWidthBits?: number;
  temperatureC?: number;
  powerW?: number;
  throttleReasons?: number;
  /** Comma-separated names of the set throttle-reason bits. */
  throttleNames?: string;
  memoryUsedBytes?: number;
  memoryTotalBytes?: number;
}

/** A CUPTI kernel record as the addon returns it. */
export interface NativeKernelRecord {
  name: string;
  startNs: number;
  endNs: number;
  device: number;
  context: number;
  stream: number;
  correlationId: number;
  grid: [number, number, number];
  block: [number, number, number];
  dynamicSharedBytes: number;
}

type Stream = Handle | number | undefined;

/** The addon's `gpu` object. Every function may throw an Error with `code` E_CUDA_UNAVAILABLE or E_GPU. */
export interface GpuBinding {
  probe(): GpuProbe;
  timerCreate(device: number, stream: Stream): NativeTimer;
  streamCreate(device: number): Handle;
  streamDestroy(stream: Handle): void;
  synchronize(device: number, stream?: Stream): void;
  alloc(device: number, bytes: number): Handle;
  free(ptr: Handle): void;
  copyToDevice(device: number, ptr: Handle, source: ArrayBufferView | ArrayBuffer): void;
  copyToHost(device: number, ptr: Handle, target: ArrayBufferView | ArrayBuffer): void;
  memset(device: number, ptr: Handle, value: number, bytes: number, stream?: Stream): void;
  copyDeviceToDevice(device: number, dst: Handle, src: Handle, bytes: number, stream?: Stream, times?: number): void;
  memInfo(device: number): { freeBytes: number; totalBytes: number; usedBytes: number };
  compile(
    source: string,
    name: string,
    options?: string[],
    nameExpressions?: string[],
  ): { ptx: string; cubin?: Uint8Array; log: string; lowered: Record<string, string> };
  moduleLoad(device: number, image: string | Uint8Array): Handle;
  moduleUnload(module: Handle): void;
  moduleFunction(module: Handle, name: string): Handle;
  launch(
    device: number,
    fn: Handle,
    gx: number,
    gy: number,
    gz: number,
    bx: number,
    by: number,
    bz: number,
    sharedBytes: number,
    stream: Stream,
    args: Uint8Array,
    count?: number,
  ): void;
  flushL2(device: number, stream?: Stream): number;
  block(device: number, stream: Stream, timeoutNs: number): boolean;
  release(device: number): void;
  blockTimedOut(device: number): boolean;
  spin(device: number, stream: Stream, ns: number, count?: number): void;
  clockRate(device: number, ns: number): { ns: number; cycles: number; smClockMHz: number };
  copyKernel(device: number, dst: Handle, src: Handle, bytes: number, stream?: Stream, count?: number): void;
  graphBegin(device: number, stream: Handle): void;
  graphEnd(device: number, stream: Handle): { graph: Handle; nodes: number };
  graphLaunch(device: number, graph: Handle, stream: Stream, count?: number): void;
  graphDestroy(graph: Handle): void;
  nvmlRead(device: number): NvmlReading;
  cuptiBegin(): string;
  cuptiEnd(): { records: NativeKernelRecord[]; dropped: number };
}

/** The addon's gpu object, or null with the reason the addon did not load. */
export function gpuBindingOrReason(): { binding: GpuBinding; reason?: undefined } | { binding: null; reason: string } {
  const load = loadNative();
  if (!load.addon) return { binding: null, reason: `the native addon is not loaded: ${load.reason ?? 'unknown reason'}` };
  const g = load.addon.gpu as GpuBinding | undefined;
  if (!g || typeof g.probe !== 'function') return { binding: null, reason: 'the native addon was built without GPU support (rebuild it)' };
  return { binding: g };
}

/** Converts an error thrown by the addon into a CycleBenchError; passes others through. */
export function toCycleBenchError(err: unknown, context?: string): unknown {
  if (err instanceof CycleBenchError) return err;
  const e = err as Error & { code?: string; log?: string };
  if (e && (e.code === 'E_CUDA_UNAVAILABLE' || e.code === 'E_GPU')) {
    const message = e.message.replace(/^cyclebench gpu: /, '');
    const out = new CycleBenchError(e.code, context ? `${context}: ${message}` : message, { cause: err });
    if (e.log !== undefined) (out as CycleBenchError & { log?: string }).log = e.log;
    return out;
  }
  return err;
}

/**
 * Runs `f` with the binding, converting addon errors. Throws E_CUDA_UNAVAILABLE when the addon is
 * not loaded at all.
 */
export function withGpu<T>(f: (g: GpuBinding) => T, context?: string): T {
  const { binding, reason } = gpuBindingOrReason();
  if (!binding) throw new CycleBenchError('E_CUDA_UNAVAILABLE', `CUDA is unavailable: ${reason}`);
  try {
    return f(binding);
  } catch (err) {
    throw toCycleBenchError(err, context);
  }
}
