// The built-in calibration kernels from JS: a spin kernel of known duration (%globaltimer), the SM
// clock from a clock64/globaltimer ratio, and a memory-bound copy.
#include "gpu/state.h"

namespace cyclebench::gpu {
namespace {

// spin(device, stream?, ns, count?): enqueues `count` spin kernels of `ns` GPU nanoseconds each.
Napi::Value Spin(const Napi::CallbackInfo& info, GpuEnv& env) {
  DeviceState& d = env.Use(int(IntArg(info, 0, "spin", 0, 1 << 20)));
  CUstream s = PointerArg<CUstream_st>(info, 1, "spin");
  unsigned long long ns = (unsigned long long)IntArg(info, 2, "spin", 0, int64_t(60) * 1000000000);
  int64_t count = info.Length() > 3 && !info[3].IsUndefined() ? IntArg(info, 3, "spin", 1, 1 << 24) : 1;
  BuiltinKernels& k = env.Kernels(d);
  CUdeviceptr out = 0;
  void* params[] = {&ns, &out};
  for (int64_t i = 0; i < count; ++i)
    CB_CHECK(RequireCuda(), cuLaunchKernel(k.spinNs, 1, 1, 1, 1, 1, 1, 0, s, params, nullptr));
  return info.Env().Undefined();
}

// clockRate(device, ns) -> { ns, cycles, smClockMHz }: spins `ns` on one SM and counts its cycles.
// Synchronous; the clock measured is the one under a one-thread load (boost may differ under load).
Napi::Value ClockRate(const Napi::CallbackInfo& info, GpuEnv& env) {
  DeviceState& d = env.Use(int(IntArg(info, 0, "clockRate", 0, 1 << 20)));
  unsigned long long ns = (unsigned long long)IntArg(info, 1, "clockRate", 1000, int64_t(10) * 1000000000);
  BuiltinKernels& k = env.Kernels(d);
  CUdeviceptr out = 0;
  CB_CHECK(RequireCuda(), cuMemAlloc_v2(&out, 2 * sizeof(unsigned long long)));
  unsigned long long host[2] = {0, 0};
  try {
    void* params[] = {&ns, &out};
    CB_CHECK(RequireCuda(), cuLaunchKernel(k.clockRatio, 1, 1, 1, 1, 1, 1, 0, nullptr, params, nullptr));
    CB_CHECK(RequireCuda(), cuMemcpyDtoH_v2(host, out, sizeof host));
  } catch (...) {
    RequireCuda().cuMemFree_v2(out);
    throw;
  }
  CB_CHECK(RequireCuda(), cuMemFree_v2(out));
  Napi::Object o = Napi::Object::New(info.Env());
  o.Set("ns", double(host[0]));
  o.Set("cycles", double(host[1]));
  o.Set("smClockMHz", host[0] ? double(host[1]) * 1e3 / double(host[0]) : 0.0);
  return o;
}

// copyKernel(device, dst, src, bytes, stream?, count?): the grid-stride copy kernel over `bytes`
// (a multiple of 16), `count` times; 4 blocks of 256 threads per SM.
Napi::Value CopyKernel(const Napi::CallbackInfo& info, GpuEnv& env) {
  DeviceState& d = env.Use(int(IntArg(info, 0, "copyKernel", 0, 1 << 20)));
  CUdeviceptr dst = HandleArg(info, 1, "copyKernel");
  CUdeviceptr src = HandleArg(info, 2, "copyKernel");
  int64_t bytes = IntArg(info, 3, "copyKernel", 16, int64_t(1) << 46);
  if (bytes % 16) throw GpuError(GpuErrorKind::kGpu, "copyKernel: bytes must be a multiple of 16");
  CUstream s = PointerArg<CUstream_st>(info, 4, "copyKernel");
  int64_t count = info.Length() > 5 && !info[5].IsUndefined() ? IntArg(info, 5, "copyKernel", 1, 1 << 24) : 1;
  env.CheckRange(dst, size_t(bytes), "copyKernel");
  env.CheckRange(src, size_t(bytes), "copyKernel");
  BuiltinKernels& k = env.Kernels(d);
  int sms = 0;
  RequireCuda().cuDeviceGetAttribute(&sms, kAttrMultiprocessorCount, d.dev);
  unsigned grid = unsigned(sms > 0 ? sms * 4 : 512);
  unsigned long long words = (unsigned long long)(bytes / 16);
  void* params[] = {&src, &dst, &words};
  for (int64_t i = 0; i < count; ++i)
    CB_CHECK(RequireCuda(), cuLaunchKernel(k.copyWords, grid, 1, 1, 256, 1, 1, 0, s, params, nullptr));
  return info.Env().Undefined();
}

}  // namespace

void RegisterCalibrate(Napi::Env env, Napi::Object gpu, GpuEnv* state) {
  Export(env, gpu, "spin", state, Spin);
  Export(env, gpu, "clockRate", state, ClockRate);
  Export(env, gpu, "copyKernel", state, CopyKernel);
}

}  // namespace cyclebench::gpu
