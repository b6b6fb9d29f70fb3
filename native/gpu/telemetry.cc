// Per-sample telemetry from JS: NVML readings (clocks, temperature, power, throttle reasons, memory)
// and CUPTI kernel records.
#include "gpu/cupti_api.h"
#include "gpu/nvml_api.h"
#include "gpu/state.h"

namespace cyclebench::gpu {
namespace {

// nvmlRead(device) -> { smClockMHz?, smClockMaxMHz?, smClockDefaultMHz?, smClockAppMHz?, memClockMaxMHz?,
//   memoryBusWidthBits?, temperatureC?, powerW?, throttleReasons?, throttleNames?, memoryUsedBytes?,
//   memoryTotalBytes? }
Napi::Value NvmlReadJs(const Napi::CallbackInfo& info, GpuEnv& env) {
  DeviceState& d = env.Use(int(IntArg(info, 0, "nvmlRead", 0, 1 << 20)));
  if (d.pciBusId.empty()) throw GpuError(GpuErrorKind::kGpu, "nvmlRead: the driver gave no PCI bus id for the device");
  NvmlReading r = NvmlRead(d.pciBusId);
  Napi::Object o = Napi::Object::New(info.Env());
  if (r.hasSmClock) o.Set("smClockMHz", r.smClockMHz);
  if (r.hasSmClockMax) o.Set("smClockMaxMHz", r.smClockMaxMHz);
  if (r.hasSmClockDefault) o.Set("smClockDefaultMHz", r.smClockDefaultMHz);
  if (r.hasSmClockApp) o.Set("smClockAppMHz", r.smClockAppMHz);
  if (r.hasMemClockMax) o.Set("memClockMaxMHz", r.memClockMaxMHz);
  if (r.hasBusWidth) o.Set("memoryBusWidthBits", r.busWidthBits);
  if (r.hasTemperature) o.Set("temperatureC", r.temperatureC);
  if (r.hasPower) o.Set("powerW", double(r.powerMilliwatts) / 1000.0);
  if (r.hasReasons) {
    o.Set("throttleReasons", double(r.reasons));
    o.Set("throttleNames", ThrottleReasonNames(r.reasons));
  }
  if (r.hasMemory) {
    o.Set("memoryUsedBytes", double(r.memory.used));
    o.Set("memoryTotalBytes", double(r.memory.total));
  }
  return o;
}

// cuptiBegin() -> "" when kernel tracing started, else why not (never throws).
Napi::Value CuptiBegin(const Napi::CallbackInfo& info, GpuEnv&) {
  if (!Cuda().ok) return Napi::String::New(info.Env(), "CUDA is unavailable: " + Cuda().reason);
  return Napi::String::New(info.Env(), CuptiCollector::Get().Begin());
}

// cuptiEnd() -> { records: [{ name, startNs, endNs, device, context, stream, correlationId, grid, block,
// dynamicSharedBytes }], dropped }. Times are GPU timestamps (ns); records arrive in completion order.
Napi::Value CuptiEnd(const Napi::CallbackInfo& info, GpuEnv&) {
  Napi::Env env = info.Env();
  size_t dropped = 0;
  std::vector<KernelRecord> records = CuptiCollector::Get().End(&dropped);
  Napi::Array list = Napi::Array::New(env, records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    const KernelRecord& r = records[i];
    Napi::Object o = Napi::Object::New(env);
    o.Set("name", r.name);
    o.Set("startNs", double(r.start));
    o.Set("endNs", double(r.end));
    o.Set("device", r.deviceId);
    o.Set("context", r.contextId);
    o.Set("stream", r.streamId);
    o.Set("correlationId", r.correlationId);
    Napi::Array grid = Napi::Array::New(env, 3), block = Napi::Array::New(env, 3);
    for (uint32_t k = 0; k < 3; ++k) {
      grid.Set(k, r.grid[k]);
      block.Set(k, r.block[k]);
    }
    o.Set("grid", grid);
    o.Set("block", block);
    o.Set("dynamicSharedBytes", r.dynamicSharedMemory);
    list.Set(uint32_t(i), o);
  }
  Napi::Object out = Napi::Object::New(env);
  out.Set("records", list);
  out.Set("dropped", double(dropped));
  return out;
}

}  // namespace

void RegisterTelemetry(Napi::Env env, Napi::Object gpu, GpuEnv* state) {
  Export(env, gpu, "nvmlRead", state, NvmlReadJs);
  Export(env, gpu, "cuptiBegin", state, CuptiBegin);
  Export(env, gpu, "cuptiEnd", state, CuptiEnd);
}

}  // namespace cyclebench::gpu
