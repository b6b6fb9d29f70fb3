import { describe, expect, it } from 'vitest';
import { requireAddon } from '../capability.js';
import { capabilityFromProbe, cudaCapability, type GpuProbe } from '../../src/gpu/index.js';

const ready = await requireAddon();

describe('capabilityFromProbe', () => {
  const lib = { available: false, reason: 'absent' };
  const probe = (over: Partial<GpuProbe>): GpuProbe => ({ driver: lib, nvrtc: lib, nvml: lib, cupti: lib, devices: [], ...over });

  it('reports the driver reason when the driver is absent, and every library with its own reason', () => {
    const cap = capabilityFromProbe(probe({ driver: { available: false, reason: 'libcuda.so.1 not found: no NVIDIA driver' } }));
    expect(cap).toMatchObject({ available: false, reason: 'libcuda.so.1 not found: no NVIDIA driver', devices: [] });
    for (const k of ['driver', 'nvrtc', 'nvml', 'cupti'] as const) {
      expect(cap[k].available).toBe(false);
      expect(typeof cap[k].reason).toBe('string');
    }
  });

  it('says so when the driver sees no device', () => {
    const cap = capabilityFromProbe(probe({ driver: { available: true, version: '13.0' } }));
    expect(cap).toMatchObject({ available: false, reason: 'the CUDA driver sees no device' });
    expect(cap.driver).toEqual({ available: true, version: '13.0' });
  });

  it('is available with devices and versions', () => {
    const device = { ordinal: 0, name: 'NVIDIA H100', computeCapability: '9.0', smCount: 132, canMapHostMemory: true };
    const cap = capabilityFromProbe(
      probe({
        driver: { available: true, version: '13.0' },
        nvrtc: { available: true, version: '13.0', path: 'libnvrtc.so.13' },
        devices: [device],
      }),
    );
    expect(cap.available).toBe(true);
    expect(cap.reason).toBeUndefined();
    expect(cap.devices).toEqual([device]);
    expect(cap.nvrtc).toEqual({ available: true, version: '13.0', path: 'libnvrtc.so.13' });
  });
});

describe.skipIf(!ready)('cudaCapability on this machine', () => {
  it('fills every entry: available, or a reason', () => {
    const cap = cudaCapability();
    console.log(
      `[info] cuda: ${cap.available ? `${cap.devices.length} device(s): ${cap.devices.map((d) => d.name).join(', ')}` : cap.reason}`,
    );
    for (const k of ['driver', 'nvrtc', 'nvml', 'cupti'] as const) {
      const l = cap[k];
      console.log(`[info]   ${k}: ${l.available ? `available ${l.version ?? ''} (${l.path ?? ''})` : l.reason}`);
      if (!l.available) expect(l.reason.length).toBeGreaterThan(10);
    }
    if (cap.available) {
      expect(cap.devices.length).toBeGreaterThan(0);
      for (const d of cap.devices) {
        expect(d.name.length).toBeGreaterThan(0);
        expect(d.computeCapability).toMatch(/^\d+\.\d+$/);
      }
    } else {
      expect(cap.reason.length).toBeGreaterThan(10);
      expect(cap.devices).toEqual([]);
      // No driver: the reason names the library that is missing.
      if (!cap.driver.available) expect(cap.driver.reason).toMatch(/libcuda|cuInit|driver/);
    }
  });

  it('is stable across calls (libraries are opened once)', () => {
    expect(cudaCapability()).toEqual(cudaCapability());
  });
});
