/** Device memory: allocation, copies between typed arrays and the device, and memory in use. */
import { CycleBenchError } from '../errors.js';
import type { DevicePointer } from './args.js';
import { withGpu, type Handle } from './binding.js';
import { streamHandle, type StreamLike } from './stream.js';

/** Device memory from {@link alloc}; pass it as a kernel argument (it is taken as a pointer). */
export class DeviceBuffer implements DevicePointer {
  #freed = false;
  /** @internal use {@link alloc}. */
  constructor(
    /** The device pointer. */
    readonly ptr: Handle,
    /** Size in bytes. */
    readonly bytes: number,
    /** CUDA device ordinal. */
    readonly device: number,
  ) {}

  /** True once freed. */
  get freed(): boolean {
    return this.#freed;
  }

  #check(what: string): void {
    if (this.#freed) throw new CycleBenchError('E_GPU', `${what}: the device buffer was already freed`);
  }

  /** Copies `source`'s bytes to the start of the buffer (synchronous). */
  copyFrom(source: ArrayBufferView | ArrayBuffer): this {
    this.#check('copyToDevice');
    withGpu((g) => g.copyToDevice(this.device, this.ptr, source), 'copyToDevice');
    return this;
  }

  /** Fills `target` from the start of the buffer (synchronous) and returns it. */
  copyTo<T extends ArrayBufferView | ArrayBuffer>(target: T): T {
    this.#check('copyToHost');
    withGpu((g) => g.copyToHost(this.device, this.ptr, target), 'copyToHost');
    return target;
  }

  /** Sets every byte to `value`, asynchronously on `stream` (default: the legacy default stream). */
  fill(value: number, stream?: StreamLike): this {
    this.#check('memset');
    withGpu((g) => g.memset(this.device, this.ptr, value, this.bytes, streamHandle(stream)), 'memset');
    return this;
  }

  /** Frees the memory; later use throws. Idempotent. */
  free(): void {
    if (this.#freed) return;
    withGpu((g) => g.free(this.ptr), 'free');
    this.#freed = true;
  }
}

/** Allocates `bytes` of device memory on `device` (default 0). */
export function alloc(bytes: number, options: { device?: number } = {}): DeviceBuffer {
  if (!Number.isInteger(bytes) || bytes < 1)
    throw new CycleBenchError('E_BAD_ARGUMENT', `alloc: bytes must be a positive integer, got ${bytes}`);
  const device = options.device ?? 0;
  const ptr = withGpu((g) => g.alloc(device, bytes), `alloc(${bytes} bytes on device ${device})`);
  return new DeviceBuffer(ptr, bytes, device);
}

/** Copies a typed array (or ArrayBuffer) into the buffer. */
export function copyToDevice(buffer: DeviceBuffer, source: ArrayBufferView | ArrayBuffer): void {
  buffer.copyFrom(source);
}

/** Copies the buffer's first `target.byteLength` bytes into `target` and returns it. */
export function copyToHost<T extends ArrayBufferView | ArrayBuffer>(buffer: DeviceBuffer, target: T): T {
  return buffer.copyTo(target);
}

/** Frees a buffer. */
export function free(buffer: DeviceBuffer): void {
  buffer.free();
}

/** Device-wide memory (all processes) from cuMemGetInfo. */
export function memoryInfo(device = 0): { freeBytes: number; totalBytes: number; usedBytes: number } {
  return withGpu((g) => g.memInfo(device), 'memInfo');
}
