// Per-environment GPU state and the Node-API plumbing; see state.h.
#include "gpu/state.h"

#include <cmath>

#include "gpu/kernels/builtin_ptx.h"

namespace cyclebench::gpu {

DeviceState& GpuEnv::Use(int ordinal) {
  const CudaApi& cu = RequireCuda();
  auto it = devices.find(ordinal);
  if (it == devices.end()) {
    int count = 0;
    CB_CHECK(RequireCuda(), cuDeviceGetCount(&count));
    if (ordinal < 0 || ordinal >= count)
      throw GpuError(GpuErrorKind::kGpu,
                     "no CUDA device " + std::to_string(ordinal) + " (this machine has " + std::to_string(count) + ")");
    auto d = std::make_unique<DeviceState>();
    d->ordinal = ordinal;
    CB_CHECK(RequireCuda(), cuDeviceGet(&d->dev, ordinal));
    CB_CHECK(RequireCuda(), cuDevicePrimaryCtxRetain(&d->ctx, d->dev));
    char bus[64] = {0};
    if (cu.cuDeviceGetPCIBusId(bus, sizeof bus, d->dev) == kCudaSuccess) d->pciBusId = bus;
    cu.cuDeviceGetAttribute(&d->l2Bytes, kAttrL2CacheSize, d->dev);
    int map_host = 0;
    cu.cuDeviceGetAttribute(&map_host, kAttrCanMapHostMemory, d->dev);
    d->canMapHost = map_host != 0;
    it = devices.emplace(ordinal, std::move(d)).first;
  }
  CB_CHECK(RequireCuda(), cuCtxSetCurrent(it->second->ctx));
  return *it->second;
}

BuiltinKernels& GpuEnv::Kernels(DeviceState& d) {
  if (d.kernels) return *d.kernels;
  auto k = std::make_unique<BuiltinKernels>();
  auto load = [](CUmodule* m, const char* ptx, const char* what) {
    const CudaApi& cu = RequireCuda();
    CUresult r = cu.cuModuleLoadDataEx(m, ptx, 0, nullptr, nullptr);
    if (r != kCudaSuccess)
      throw GpuError(GpuErrorKind::kGpu, std::string("loading the built-in ") + what +
                                             " kernels (PTX ISA 7.0) failed: " + ErrorText(cu, r));
  };
  load(&k->timer, kernels::kPtxTimer, "timer");
  load(&k->blocking, kernels::kPtxBlocking, "blocking");
  load(&k->copy, kernels::kPtxCopy, "copy");
  CB_CHECK(RequireCuda(), cuModuleGetFunction(&k->spinNs, k->timer, "cb_spin_ns"));
  CB_CHECK(RequireCuda(), cuModuleGetFunction(&k->clockRatio, k->timer, "cb_clock_ratio"));
  CB_CHECK(RequireCuda(), cuModuleGetFunction(&k->blockUntil, k->blocking, "cb_block_until"));
  CB_CHECK(RequireCuda(), cuModuleGetFunction(&k->l2Flush, k->blocking, "cb_l2_flush"));
  CB_CHECK(RequireCuda(), cuModuleGetFunction(&k->copyWords, k->copy, "cb_copy"));
  d.kernels = std::move(k);
  return *d.kernels;
}

GpuEnv::~GpuEnv() {
  *alive = false;
  const CudaApi& cu = Cuda();
  if (!cu.ok) return;
  // Best effort: the process may be exiting; errors are ignored.
  for (auto& [ordinal, d] : devices) {
    if (cu.cuCtxSetCurrent(d->ctx) != kCudaSuccess) continue;
    cu.cuCtxSynchronize();
    for (auto& [g, dev] : graphs)
      if (dev == ordinal) cu.cuGraphExecDestroy(g);
    for (auto& [s, dev] : streams)
      if (dev == ordinal) cu.cuStreamDestroy_v2(s);
    for (auto& [m, dev] : modules)
      if (dev == ordinal) cu.cuModuleUnload(m);
    for (auto& [p, a] : allocations)
      if (a.device == ordinal) cu.cuMemFree_v2(p);
    if (d->kernels) {
      cu.cuModuleUnload(d->kernels->timer);
      cu.cuModuleUnload(d->kernels->blocking);
      cu.cuModuleUnload(d->kernels->copy);
    }
    if (d->flushBuffer) cu.cuMemFree_v2(d->flushBuffer);
    if (d->hostFlag) cu.cuMemFreeHost(const_cast<int*>(d->hostFlag));
    cu.cuDevicePrimaryCtxRelease_v2(d->dev);
  }
}

void GpuEnv::CheckRange(CUdeviceptr ptr, size_t bytes, const char* fn) const {
  auto it = allocations.upper_bound(ptr);
  if (it == allocations.begin()) return;
  --it;
  CUdeviceptr base = it->first;
  size_t size = it->second.bytes;
  if (ptr >= base + size) return;  // not ours
  if (bytes > size - (ptr - base))
    throw GpuError(GpuErrorKind::kGpu, std::string(fn) + ": " + std::to_string(bytes) + " bytes at offset " +
                                           std::to_string(ptr - base) + " overrun the " + std::to_string(size) +
                                           "-byte allocation");
}

Napi::BigInt Handle(Napi::Env env, uint64_t value) { return Napi::BigInt::New(env, value); }

uint64_t HandleArg(const Napi::CallbackInfo& info, size_t i, const char* fn) {
  auto fail = [&] {
    throw GpuError(GpuErrorKind::kGpu,
                   std::string(fn) + ": argument " + std::to_string(i) + " must be a handle (bigint) or 0");
  };
  if (info.Length() <= i) fail();
  Napi::Value v = info[i];
  if (v.IsBigInt()) {
    bool lossless = true;
    uint64_t out = v.As<Napi::BigInt>().Uint64Value(&lossless);
    if (!lossless) fail();
    return out;
  }
  if (v.IsUndefined() || v.IsNull()) return 0;
  if (v.IsNumber()) {
    double d = v.As<Napi::Number>().DoubleValue();
    if (d < 0 || d != std::floor(d) || d > 9007199254740991.0) fail();
    return uint64_t(d);
  }
  fail();
  return 0;
}

int64_t IntArg(const Napi::CallbackInfo& info, size_t i, const char* fn, int64_t lo, int64_t hi) {
  double d = info.Length() > i && info[i].IsNumber() ? info[i].As<Napi::Number>().DoubleValue() : NAN;
  if (!(d >= double(lo) && d <= double(hi)) || d != std::floor(d)) {
    const std::string range = "[" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
    throw GpuError(GpuErrorKind::kGpu,
                   std::string(fn) + ": argument " + std::to_string(i) + " must be an integer in " + range);
  }
  return int64_t(d);
}

std::string StringArg(const Napi::CallbackInfo& info, size_t i, const char* fn) {
  if (info.Length() <= i || !info[i].IsString())
    throw GpuError(GpuErrorKind::kGpu, std::string(fn) + ": argument " + std::to_string(i) + " must be a string");
  return info[i].As<Napi::String>().Utf8Value();
}

void ThrowJs(Napi::Env env, const std::string& message, GpuErrorKind kind) {
  Fail(env, kind == GpuErrorKind::kUnavailable ? code::kCudaUnavailable : code::kGpu, message, "gpu");
}

void Export(Napi::Env env, Napi::Object target, const char* name, GpuEnv* state, GpuFn fn) {
  target.Set(name, Napi::Function::New(
                       env,
                       [state, fn](const Napi::CallbackInfo& info) {
                         return Guarded(info.Env(), [&] { return fn(info, *state); });
                       },
                       name));
}

}  // namespace cyclebench::gpu
