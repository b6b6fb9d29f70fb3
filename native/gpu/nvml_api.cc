// Fills the NVML table once per process and reads devices; see nvml_api.h.
#include "gpu/nvml_api.h"

#include <mutex>
#include <vector>

#include "gpu/check.h"
#include "gpu/dynlib.h"

namespace cyclebench::gpu {
namespace {

void Load(NvmlApi& api) {
  DynLib lib = OpenFirst("CYCLEBENCH_LIBNVML", {"libnvidia-ml.so.1", "libnvidia-ml.so"});
  if (!lib.handle) {
    api.reason = "libnvidia-ml.so.1 not found: no NVIDIA driver (dlopen: " + lib.reason + ")";
    return;
  }
  api.path = lib.path;
  std::vector<std::string> missing, optional;
  Bind(lib, api.nvmlInit_v2, "nvmlInit_v2", missing);
  Bind(lib, api.nvmlErrorString, "nvmlErrorString", missing);
  Bind(lib, api.nvmlSystemGetDriverVersion, "nvmlSystemGetDriverVersion", missing);
  Bind(lib, api.nvmlDeviceGetHandleByPciBusId_v2, "nvmlDeviceGetHandleByPciBusId_v2", missing);
  Bind(lib, api.nvmlDeviceGetClockInfo, "nvmlDeviceGetClockInfo", missing);
  Bind(lib, api.nvmlDeviceGetMaxClockInfo, "nvmlDeviceGetMaxClockInfo", missing);
  Bind(lib, api.nvmlDeviceGetApplicationsClock, "nvmlDeviceGetApplicationsClock", missing);
  Bind(lib, api.nvmlDeviceGetDefaultApplicationsClock, "nvmlDeviceGetDefaultApplicationsClock", missing);
  Bind(lib, api.nvmlDeviceGetTemperature, "nvmlDeviceGetTemperature", missing);
  Bind(lib, api.nvmlDeviceGetPowerUsage, "nvmlDeviceGetPowerUsage", missing);
  Bind(lib, api.nvmlDeviceGetMemoryInfo, "nvmlDeviceGetMemoryInfo", missing);
  Bind(lib, api.nvmlDeviceGetMemoryBusWidth, "nvmlDeviceGetMemoryBusWidth", optional);
  Bind(lib, api.nvmlDeviceGetCurrentClocksEventReasons, "nvmlDeviceGetCurrentClocksEventReasons", optional);
  if (!api.nvmlDeviceGetCurrentClocksEventReasons)
    Bind(lib, api.nvmlDeviceGetCurrentClocksEventReasons, "nvmlDeviceGetCurrentClocksThrottleReasons", missing);
  if (!missing.empty()) {
    api.reason = lib.path + " lacks " + JoinNames(missing);
    return;
  }
  nvmlReturn_t r = api.nvmlInit_v2();
  if (r != 0) {
    api.reason = "nvmlInit_v2 failed: " + ErrorText(api, r);
    return;
  }
  char version[96] = {0};
  if (api.nvmlSystemGetDriverVersion(version, sizeof version) == 0) api.driverVersion = version;
  api.ok = true;
}

}  // namespace

const NvmlApi& Nvml() {
  static NvmlApi api;
  static std::once_flag once;
  std::call_once(once, [] { Load(api); });
  return api;
}

std::string ErrorText(const NvmlApi& api, nvmlReturn_t r) { return api.nvmlErrorString(r); }

NvmlReading NvmlRead(const std::string& pci_bus_id) {
  const NvmlApi& api = Nvml();
  if (!api.ok) throw GpuError(GpuErrorKind::kUnavailable, "NVML is unavailable: " + api.reason);
  nvmlDevice_t dev = nullptr;
  nvmlReturn_t r = api.nvmlDeviceGetHandleByPciBusId_v2(pci_bus_id.c_str(), &dev);
  if (r != 0)
    throw GpuError(GpuErrorKind::kGpu, "NVML does not know the device at PCI " + pci_bus_id + ": " + ErrorText(api, r));
  NvmlReading o;
  o.hasSmClock = api.nvmlDeviceGetClockInfo(dev, kNvmlClockSm, &o.smClockMHz) == 0;
  o.hasSmClockMax = api.nvmlDeviceGetMaxClockInfo(dev, kNvmlClockSm, &o.smClockMaxMHz) == 0;
  o.hasSmClockApp = api.nvmlDeviceGetApplicationsClock(dev, kNvmlClockSm, &o.smClockAppMHz) == 0;
  o.hasSmClockDefault = api.nvmlDeviceGetDefaultApplicationsClock(dev, kNvmlClockSm, &o.smClockDefaultMHz) == 0;
  o.hasMemClockMax = api.nvmlDeviceGetMaxClockInfo(dev, kNvmlClockMem, &o.memClockMaxMHz) == 0;
  o.hasBusWidth = api.nvmlDeviceGetMemoryBusWidth && api.nvmlDeviceGetMemoryBusWidth(dev, &o.busWidthBits) == 0;
  o.hasTemperature = api.nvmlDeviceGetTemperature(dev, 0 /* NVML_TEMPERATURE_GPU */, &o.temperatureC) == 0;
  o.hasPower = api.nvmlDeviceGetPowerUsage(dev, &o.powerMilliwatts) == 0;
  o.hasReasons = api.nvmlDeviceGetCurrentClocksEventReasons(dev, &o.reasons) == 0;
  o.hasMemory = api.nvmlDeviceGetMemoryInfo(dev, &o.memory) == 0;
  return o;
}

std::string ThrottleReasonNames(unsigned long long reasons) {
  static const std::pair<unsigned long long, const char*> kNames[] = {
      {kThrottleGpuIdle, "gpu_idle"},
      {kThrottleAppClocks, "applications_clocks_setting"},
      {kThrottleSwPowerCap, "sw_power_cap"},
      {kThrottleHwSlowdown, "hw_slowdown"},
      {kThrottleSyncBoost, "sync_boost"},
      {kThrottleSwThermal, "sw_thermal_slowdown"},
      {kThrottleHwThermal, "hw_thermal_slowdown"},
      {kThrottleHwPowerBrake, "hw_power_brake_slowdown"},
      {kThrottleDisplayClocks, "display_clock_setting"},
  };
  std::string out;
  for (const auto& [bit, name] : kNames)
    if (reasons & bit) out += (out.empty() ? "" : ",") + std::string(name);
  return out;
}

}  // namespace cyclebench::gpu
