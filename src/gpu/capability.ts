import type { Availability } from '../errors.js';

/** CUDA devices and libraries. (Filled in by the GPU work.) */
export type CudaCapability = Availability & { devices?: unknown[] };

/** Probes CUDA. */
export function cudaCapability(): CudaCapability {
  return { available: false, reason: 'GPU support is not built yet' };
}
