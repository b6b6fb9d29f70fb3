// gpu.probe(): which GPU libraries opened, and the devices the driver sees, or why not. Never throws
// for an absent library: absence is a reason string.
#include "gpu/cupti_api.h"
#include "gpu/nvml_api.h"
#include "gpu/nvrtc_api.h"
#include "gpu/state.h"

namespace cyclebench::gpu {
namespace {

std::string CudaVersionText(int v) { return std::to_string(v / 1000) + "." + std::to_string((v % 1000) / 10); }

Napi::Object Library(Napi::Env env, bool ok, const std::string& reason, const std::string& path) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("available", ok);
  if (!ok) o.Set("reason", reason);
  if (!path.empty()) o.Set("path", path);
  return o;
}

Napi::Object Device(Napi::Env env, const CudaApi& cu, int ordinal) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("ordinal", ordinal);
  CUdevice dev = 0;
  CB_CHECK(RequireCuda(), cuDeviceGet(&dev, ordinal));
  char name[256] = {0};
  CB_CHECK(RequireCuda(), cuDeviceGetName(name, sizeof name, dev));
  o.Set("name", std::string(name));
  auto attr = [&](const char* key, int a, double scale = 1) {
    int v = 0;
    if (cu.cuDeviceGetAttribute(&v, a, dev) == kCudaSuccess && v > 0) o.Set(key, double(v) * scale);
  };
  int major = 0, minor = 0;
  CB_CHECK(RequireCuda(), cuDeviceGetAttribute(&major, kAttrComputeCapabilityMajor, dev));
  CB_CHECK(RequireCuda(), cuDeviceGetAttribute(&minor, kAttrComputeCapabilityMinor, dev));
  o.Set("computeCapability", std::to_string(major) + "." + std::to_string(minor));
  attr("smCount", kAttrMultiprocessorCount);
  size_t total = 0;
  if (cu.cuDeviceTotalMem_v2(&total, dev) == kCudaSuccess) o.Set("memoryBytes", double(total));
  attr("l2Bytes", kAttrL2CacheSize);
  attr("smClockMHz", kAttrClockRateKHz, 1e-3);
  attr("memoryClockMHz", kAttrMemoryClockRateKHz, 1e-3);
  attr("memoryBusWidthBits", kAttrGlobalMemoryBusWidth);
  attr("maxThreadsPerBlock", kAttrMaxThreadsPerBlock);
  int map_host = 0;
  cu.cuDeviceGetAttribute(&map_host, kAttrCanMapHostMemory, dev);
  o.Set("canMapHostMemory", map_host != 0);
  char bus[64] = {0};
  if (cu.cuDeviceGetPCIBusId(bus, sizeof bus, dev) == kCudaSuccess) o.Set("pciBusId", std::string(bus));
  return o;
}

Napi::Value Probe(const Napi::CallbackInfo& info, GpuEnv&) {
  Napi::Env env = info.Env();
  Napi::Object out = Napi::Object::New(env);
  const CudaApi& cu = Cuda();
  Napi::Object driver = Library(env, cu.ok, cu.reason, cu.path);
  if (cu.driverVersion > 0) driver.Set("version", CudaVersionText(cu.driverVersion));
  if (!cu.path.empty()) driver.Set("eventElapsedTime", cu.elapsedV2 ? "cuEventElapsedTime_v2" : "cuEventElapsedTime");
  out.Set("driver", driver);

  const NvrtcApi& rtc = Nvrtc();
  Napi::Object nvrtc = Library(env, rtc.ok, rtc.reason, rtc.path);
  if (rtc.ok) nvrtc.Set("version", std::to_string(rtc.major) + "." + std::to_string(rtc.minor));
  out.Set("nvrtc", nvrtc);

  const NvmlApi& ml = Nvml();
  Napi::Object nvml = Library(env, ml.ok, ml.reason, ml.path);
  if (!ml.driverVersion.empty()) nvml.Set("driverVersion", ml.driverVersion);
  out.Set("nvml", nvml);

  const CuptiApi& pt = Cupti();
  // CUPTI traces through the driver: an opened library without a driver still cannot trace.
  bool cupti_ok = pt.ok && cu.ok;
  std::string cupti_reason =
      !pt.ok ? pt.reason
             : pt.path + " opened (CUPTI API " + std::to_string(pt.version) + ") but CUDA is unavailable: " + cu.reason;
  Napi::Object cupti = Library(env, cupti_ok, cupti_reason, pt.path);
  if (pt.ok) cupti.Set("version", pt.version);
  out.Set("cupti", cupti);

  Napi::Array devices = Napi::Array::New(env);
  if (cu.ok) {
    int count = 0;
    CB_CHECK(RequireCuda(), cuDeviceGetCount(&count));
    for (int i = 0; i < count; ++i) devices.Set(uint32_t(i), Device(env, cu, i));
  }
  out.Set("devices", devices);
  return out;
}

}  // namespace

void RegisterProbe(Napi::Env env, Napi::Object gpu, GpuEnv* state) { Export(env, gpu, "probe", state, Probe); }

}  // namespace cyclebench::gpu
