/** CUDA streams: the legacy default stream (`0n`) unless the caller creates one. */
import { CycleBenchError } from '../errors.js';
import { withGpu, type Handle } from './binding.js';

/** A non-blocking stream created on a device. */
export class GpuStream {
  #destroyed = false;
  /** @internal use {@link createStream}. */
  constructor(
    readonly handle: Handle,
    readonly device: number,
  ) {}

  /** Waits until all work on the stream finished. */
  synchronize(): void {
    withGpu((g) => g.synchronize(this.device, this.handle), 'synchronize');
  }

  /** Destroys the stream. Idempotent. */
  destroy(): void {
    if (this.#destroyed) return;
    withGpu((g) => g.streamDestroy(this.handle), 'streamDestroy');
    this.#destroyed = true;
  }
}

/** A stream: a GpuStream, a raw CUstream from another library (bigint), or 0 / undefined for the default. */
export type StreamLike = GpuStream | Handle | 0 | undefined;

/** The raw handle of a stream (`0n` = legacy default stream). */
export function streamHandle(stream: StreamLike): Handle {
  if (stream === undefined || stream === 0) return 0n;
  if (typeof stream === 'bigint') return stream;
  if (stream instanceof GpuStream) return stream.handle;
  throw new CycleBenchError('E_BAD_ARGUMENT', 'stream must be a GpuStream, a bigint CUstream or 0');
}

/** Creates a non-blocking stream on `device` (default 0). */
export function createStream(device = 0): GpuStream {
  return new GpuStream(
    withGpu((g) => g.streamCreate(device), 'streamCreate'),
    device,
  );
}

/** Waits for all work on the device (or on one stream). */
export function synchronize(device = 0, stream?: StreamLike): void {
  withGpu((g) => g.synchronize(device, stream === undefined ? undefined : streamHandle(stream)), 'synchronize');
}
