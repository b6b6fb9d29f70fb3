import type { Availability } from '../errors.js';
import { gpuBindingOrReason, toCycleBenchError, type GpuDeviceInfo, type GpuProbe } from './binding.js';

/** One GPU library's state: `{ available, reason }`, where it was opened, and its version. */
export type GpuLibrary = Availability & { path?: string; version?: string };

/** What a probe reports beyond `{ available, reason }`. */
export interface CudaDetails {
  /** Devices the driver sees (empty when unavailable). */
  devices: GpuDeviceInfo[];
  /** libcuda.so.1: driver API version as `major.minor` (e.g. `13.0`). */
  driver: GpuLibrary;
  /** NVRTC: run-time compilation; works without a GPU. */
  nvrtc: GpuLibrary;
  /** NVML: clocks, temperature, power, throttle reasons; `version` is the driver's version string. */
  nvml: GpuLibrary;
  /** CUPTI: per-kernel GPU times. */
  cupti: GpuLibrary;
}

/**
 * CUDA devices and libraries. `available` means GPU timing works: the driver opened and sees at
 * least one device. Each library reports its own `{ available, reason }`; nothing is guessed. The
 * details are optional only so that a report which did not probe (`{ available: false, reason:
 * 'not probed' }`) is one too; {@link cudaCapability} always fills them.
 */
export type CudaCapability = Availability & Partial<CudaDetails>;

/** A probed report: every detail present. */
export type CudaReport = Availability & CudaDetails;

function library(state: GpuProbe[keyof Omit<GpuProbe, 'devices'>], version?: string): GpuLibrary {
  const extra = { ...(state.path ? { path: state.path } : {}), ...(version ? { version } : {}) };
  return state.available ? { available: true, ...extra } : { available: false, reason: state.reason ?? 'unavailable', ...extra };
}

/** Turns a probe into a capability report (exported for tests). */
export function capabilityFromProbe(p: GpuProbe): CudaReport {
  const libs = {
    driver: library(p.driver, p.driver.version),
    nvrtc: library(p.nvrtc, p.nvrtc.version),
    nvml: library(p.nvml, p.nvml.driverVersion),
    cupti: library(p.cupti, p.cupti.version !== undefined ? String(p.cupti.version) : undefined),
  };
  if (!p.driver.available) return { available: false, reason: p.driver.reason ?? 'CUDA driver unavailable', devices: [], ...libs };
  if (p.devices.length === 0) return { available: false, reason: 'the CUDA driver sees no device', devices: [], ...libs };
  return { available: true, devices: p.devices, ...libs };
}

function unavailable(reason: string): CudaReport {
  const lib: GpuLibrary = { available: false, reason };
  return { available: false, reason, devices: [], driver: lib, nvrtc: lib, nvml: lib, cupti: lib };
}

/** Probes CUDA: opens the driver, NVRTC, NVML and CUPTI (once per process) and lists devices. Never throws. */
export function cudaCapability(): CudaReport {
  const { binding, reason } = gpuBindingOrReason();
  if (!binding) return unavailable(reason);
  try {
    return capabilityFromProbe(binding.probe());
  } catch (err) {
    return unavailable(`probing CUDA failed: ${(toCycleBenchError(err) as Error).message}`);
  }
}

/** True when GPU timing works here (a driver and at least one device). */
export function hasGpu(): boolean {
  return cudaCapability().available;
}
