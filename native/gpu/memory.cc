// Device memory from JS: alloc/free, copies to and from typed arrays, memset, device-to-device copies
// on a stream (for bandwidth) and the device's memory in use.
#include "gpu/state.h"

namespace cyclebench::gpu {
namespace {

constexpr int64_t kMaxBytes = int64_t(1) << 46;

int DeviceArg(const Napi::CallbackInfo& info, size_t i, const char* fn) { return int(IntArg(info, i, fn, 0, 1 << 20)); }

// The bytes of a TypedArray, DataView, Buffer or ArrayBuffer argument.
std::pair<uint8_t*, size_t> HostBytes(const Napi::CallbackInfo& info, size_t i, const char* fn) {
  if (info.Length() > i) {
    Napi::Value v = info[i];
    if (v.IsTypedArray()) {
      auto a = v.As<Napi::TypedArray>();
      return {static_cast<uint8_t*>(a.ArrayBuffer().Data()) + a.ByteOffset(), a.ByteLength()};
    }
    if (v.IsDataView()) {
      auto d = v.As<Napi::DataView>();
      return {static_cast<uint8_t*>(d.ArrayBuffer().Data()) + d.ByteOffset(), d.ByteLength()};
    }
    if (v.IsArrayBuffer()) {
      auto b = v.As<Napi::ArrayBuffer>();
      return {static_cast<uint8_t*>(b.Data()), b.ByteLength()};
    }
  }
  throw GpuError(GpuErrorKind::kGpu, std::string(fn) + ": argument " + std::to_string(i) +
                                         " must be a TypedArray, DataView or ArrayBuffer");
}

// alloc(device, bytes) -> pointer
Napi::Value Alloc(const Napi::CallbackInfo& info, GpuEnv& env) {
  int dev = DeviceArg(info, 0, "alloc");
  size_t bytes = size_t(IntArg(info, 1, "alloc", 1, kMaxBytes));
  env.Use(dev);
  CUdeviceptr p = 0;
  CB_CHECK(RequireCuda(), cuMemAlloc_v2(&p, bytes));
  env.allocations[p] = {dev, bytes};
  return Handle(info.Env(), p);
}

// free(pointer): only pointers from alloc.
Napi::Value Free(const Napi::CallbackInfo& info, GpuEnv& env) {
  CUdeviceptr p = HandleArg(info, 0, "free");
  auto it = env.allocations.find(p);
  if (it == env.allocations.end())
    throw GpuError(GpuErrorKind::kGpu, "free: not a pointer returned by alloc (or already freed)");
  env.Use(it->second.device);
  CB_CHECK(RequireCuda(), cuMemFree_v2(p));
  env.allocations.erase(it);
  return info.Env().Undefined();
}

// copyToDevice(device, pointer, source): synchronous host-to-device copy of source's bytes.
Napi::Value CopyToDevice(const Napi::CallbackInfo& info, GpuEnv& env) {
  int dev = DeviceArg(info, 0, "copyToDevice");
  CUdeviceptr p = HandleArg(info, 1, "copyToDevice");
  auto [data, bytes] = HostBytes(info, 2, "copyToDevice");
  env.CheckRange(p, bytes, "copyToDevice");
  env.Use(dev);
  if (bytes) CB_CHECK(RequireCuda(), cuMemcpyHtoD_v2(p, data, bytes));
  return info.Env().Undefined();
}

// copyToHost(device, pointer, target): synchronous device-to-host copy filling target.
Napi::Value CopyToHost(const Napi::CallbackInfo& info, GpuEnv& env) {
  int dev = DeviceArg(info, 0, "copyToHost");
  CUdeviceptr p = HandleArg(info, 1, "copyToHost");
  auto [data, bytes] = HostBytes(info, 2, "copyToHost");
  env.CheckRange(p, bytes, "copyToHost");
  env.Use(dev);
  if (bytes) CB_CHECK(RequireCuda(), cuMemcpyDtoH_v2(data, p, bytes));
  return info.Env().Undefined();
}

// memset(device, pointer, byte, bytes, stream?): asynchronous on the stream (default: legacy).
Napi::Value Memset(const Napi::CallbackInfo& info, GpuEnv& env) {
  int dev = DeviceArg(info, 0, "memset");
  CUdeviceptr p = HandleArg(info, 1, "memset");
  unsigned char value = static_cast<unsigned char>(IntArg(info, 2, "memset", 0, 255));
  size_t bytes = size_t(IntArg(info, 3, "memset", 0, kMaxBytes));
  CUstream s = PointerArg<CUstream_st>(info, 4, "memset");
  env.CheckRange(p, bytes, "memset");
  env.Use(dev);
  if (bytes) CB_CHECK(RequireCuda(), cuMemsetD8Async(p, value, bytes, s));
  return info.Env().Undefined();
}

// copyDeviceToDevice(device, dst, src, bytes, stream?, times?): `times` asynchronous copies in a row.
Napi::Value CopyDeviceToDevice(const Napi::CallbackInfo& info, GpuEnv& env) {
  int dev = DeviceArg(info, 0, "copyDeviceToDevice");
  CUdeviceptr dst = HandleArg(info, 1, "copyDeviceToDevice");
  CUdeviceptr src = HandleArg(info, 2, "copyDeviceToDevice");
  size_t bytes = size_t(IntArg(info, 3, "copyDeviceToDevice", 0, kMaxBytes));
  CUstream s = PointerArg<CUstream_st>(info, 4, "copyDeviceToDevice");
  int64_t times = info.Length() > 5 && !info[5].IsUndefined() ? IntArg(info, 5, "copyDeviceToDevice", 1, 1 << 24) : 1;
  env.CheckRange(dst, bytes, "copyDeviceToDevice");
  env.CheckRange(src, bytes, "copyDeviceToDevice");
  env.Use(dev);
  for (int64_t i = 0; i < times && bytes; ++i) CB_CHECK(RequireCuda(), cuMemcpyDtoDAsync_v2(dst, src, bytes, s));
  return info.Env().Undefined();
}

// memInfo(device) -> { freeBytes, totalBytes, usedBytes } from cuMemGetInfo (device-wide, all processes).
Napi::Value MemInfo(const Napi::CallbackInfo& info, GpuEnv& env) {
  env.Use(DeviceArg(info, 0, "memInfo"));
  size_t free_bytes = 0, total = 0;
  CB_CHECK(RequireCuda(), cuMemGetInfo_v2(&free_bytes, &total));
  Napi::Object o = Napi::Object::New(info.Env());
  o.Set("freeBytes", double(free_bytes));
  o.Set("totalBytes", double(total));
  o.Set("usedBytes", double(total - free_bytes));
  return o;
}

}  // namespace

void RegisterMemory(Napi::Env env, Napi::Object gpu, GpuEnv* state) {
  Export(env, gpu, "alloc", state, Alloc);
  Export(env, gpu, "free", state, Free);
  Export(env, gpu, "copyToDevice", state, CopyToDevice);
  Export(env, gpu, "copyToHost", state, CopyToHost);
  Export(env, gpu, "memset", state, Memset);
  Export(env, gpu, "copyDeviceToDevice", state, CopyDeviceToDevice);
  Export(env, gpu, "memInfo", state, MemInfo);
}

}  // namespace cyclebench::gpu
