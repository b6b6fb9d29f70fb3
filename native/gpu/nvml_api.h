// NVML (libnvidia-ml.so.1) opened with dlopen: SM clocks, temperature, power, throttle reasons and
// memory of a device, found by its PCI bus id so CUDA ordinals and NVML indices never get mixed up.
#pragma once
#include <cstdint>
#include <string>

namespace cyclebench::gpu {

using nvmlReturn_t = int;
using nvmlDevice_t = struct nvmlDevice_st*;

struct NvmlMemory {
  unsigned long long total, free, used;
};

struct NvmlApi {
  bool ok = false;
  std::string reason;
  std::string path;
  std::string driverVersion;

  nvmlReturn_t (*nvmlInit_v2)() = nullptr;
  const char* (*nvmlErrorString)(nvmlReturn_t) = nullptr;
  nvmlReturn_t (*nvmlSystemGetDriverVersion)(char*, unsigned) = nullptr;
  nvmlReturn_t (*nvmlDeviceGetHandleByPciBusId_v2)(const char*, nvmlDevice_t*) = nullptr;
  nvmlReturn_t (*nvmlDeviceGetClockInfo)(nvmlDevice_t, int, unsigned*) = nullptr;
  nvmlReturn_t (*nvmlDeviceGetMaxClockInfo)(nvmlDevice_t, int, unsigned*) = nullptr;
  nvmlReturn_t (*nvmlDeviceGetApplicationsClock)(nvmlDevice_t, int, unsigned*) = nullptr;
  nvmlReturn_t (*nvmlDeviceGetDefaultApplicationsClock)(nvmlDevice_t, int, unsigned*) = nullptr;
  nvmlReturn_t (*nvmlDeviceGetTemperature)(nvmlDevice_t, int, unsigned*) = nullptr;
  nvmlReturn_t (*nvmlDeviceGetPowerUsage)(nvmlDevice_t, unsigned*) = nullptr;
  nvmlReturn_t (*nvmlDeviceGetMemoryInfo)(nvmlDevice_t, NvmlMemory*) = nullptr;
  nvmlReturn_t (*nvmlDeviceGetMemoryBusWidth)(nvmlDevice_t, unsigned*) = nullptr;  // optional
  // nvmlDeviceGetCurrentClocksEventReasons (r535+) or the older ...ThrottleReasons.
  nvmlReturn_t (*nvmlDeviceGetCurrentClocksEventReasons)(nvmlDevice_t, unsigned long long*) = nullptr;
};

// Opens $CYCLEBENCH_LIBNVML or libnvidia-ml.so.1 and calls nvmlInit_v2, once per process.
const NvmlApi& Nvml();

// nvmlErrorString's text for a result code (for CB_CHECK).
std::string ErrorText(const NvmlApi& api, nvmlReturn_t r);

// NVML clock type and throttle-reason constants (nvml.h).
constexpr int kNvmlClockGraphics = 0, kNvmlClockSm = 1, kNvmlClockMem = 2;
constexpr unsigned long long kThrottleGpuIdle = 0x1, kThrottleAppClocks = 0x2, kThrottleSwPowerCap = 0x4,
                             kThrottleHwSlowdown = 0x8, kThrottleSyncBoost = 0x10, kThrottleSwThermal = 0x20,
                             kThrottleHwThermal = 0x40, kThrottleHwPowerBrake = 0x80, kThrottleDisplayClocks = 0x100;

// One reading of a device. Each field has a `has` flag: NVML may refuse any of them.
struct NvmlReading {
  bool hasSmClock = false, hasSmClockMax = false, hasSmClockDefault = false, hasSmClockApp = false;
  unsigned smClockMHz = 0, smClockMaxMHz = 0, smClockDefaultMHz = 0, smClockAppMHz = 0;
  bool hasMemClockMax = false, hasBusWidth = false;
  unsigned memClockMaxMHz = 0, busWidthBits = 0;
  bool hasTemperature = false, hasPower = false, hasReasons = false, hasMemory = false;
  unsigned temperatureC = 0, powerMilliwatts = 0;
  unsigned long long reasons = 0;
  NvmlMemory memory{};
};

// Reads the device with the given PCI bus id ("0000:65:00.0"); throws GpuError when NVML is absent
// or does not know the device.
NvmlReading NvmlRead(const std::string& pci_bus_id);

// Names of the set throttle-reason bits ("sw_power_cap", ...).
std::string ThrottleReasonNames(unsigned long long reasons);

}  // namespace cyclebench::gpu
