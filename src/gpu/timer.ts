/**
 * Event timing of any GPU work in the process: events recorded on a stream (by default the legacy
 * default stream of the device's primary context, which cudart-based libraries share) around the
 * work a function enqueues.
 */
import { withGpu, type NativeTimer } from './binding.js';
import { streamHandle, type StreamLike } from './stream.js';

/** Where to time: device ordinal (default 0) and stream (default: legacy default stream). */
export interface TimerOptions {
  device?: number;
  stream?: StreamLike;
}

/**
 * Two reusable CUDA events on one stream. `start()`, enqueue work, `stop()`, then `elapsedNs()`
 * (which waits for the stop event). Reuse one timer for many samples: nothing is allocated per use.
 */
export class EventTimer {
  readonly #native: NativeTimer;
  readonly device: number;
  readonly stream: bigint;

  constructor(options: TimerOptions = {}) {
    this.device = options.device ?? 0;
    this.stream = streamHandle(options.stream);
    this.#native = withGpu((g) => g.timerCreate(this.device, this.stream), 'timerCreate');
  }

  /** Records the start event. */
  start(): void {
    withGpu(() => this.#native.start(), 'timer.start');
  }

  /** Records the stop event. */
  stop(): void {
    withGpu(() => this.#native.stop(), 'timer.stop');
  }

  /** Waits for the stop event; GPU nanoseconds between start and stop (event resolution ~0.5 us). */
  elapsedNs(): number {
    return withGpu(() => this.#native.elapsedNs(), 'timer.elapsedNs');
  }
}

/** What a timed function receives: the device and stream to enqueue on. */
export interface GpuWorkContext {
  device: number;
  /** The stream being timed (`0n` = legacy default stream). Graph mode requires launching on it. */
  stream: bigint;
  /** Iteration index within the sample. */
  iteration: number;
}

/** Work that enqueues GPU operations; it must not wait for them. */
export type GpuWork = (ctx: GpuWorkContext) => void | Promise<void>;

/** Times the GPU work `fn` enqueues (once) and returns its GPU time in ns. Synchronizes. */
export async function time(fn: GpuWork, options: TimerOptions = {}): Promise<number> {
  const timer = new EventTimer(options);
  timer.start();
  await fn({ device: timer.device, stream: timer.stream, iteration: 0 });
  timer.stop();
  return timer.elapsedNs();
}
