// Cold measurements: flushing the L2 cache before a sample (cuMemsetD8Async over a buffer twice the
// L2 size) and hiding launch latency behind a blocking kernel (nvbench's blocking_kernel): the
// blocker spins on a host-mapped flag, the measured launches queue up behind it, and the host
// releases it once the stop event is enqueued, so the events time the kernels alone.
#include <atomic>

#include "gpu/state.h"

namespace cyclebench::gpu {
namespace {

int DeviceArg(const Napi::CallbackInfo& info, const char* fn) { return int(IntArg(info, 0, fn, 0, 1 << 20)); }

// flushL2(device, stream?) -> bytes written
Napi::Value FlushL2(const Napi::CallbackInfo& info, GpuEnv& env) {
  DeviceState& d = env.Use(DeviceArg(info, "flushL2"));
  CUstream s = PointerArg<CUstream_st>(info, 1, "flushL2");
  if (!d.flushBuffer) {
    size_t bytes = size_t(d.l2Bytes > 0 ? d.l2Bytes : 64 << 20) * 2;
    CB_CHECK(RequireCuda(), cuMemAlloc_v2(&d.flushBuffer, bytes));
    d.flushBytes = bytes;
  }
  CB_CHECK(RequireCuda(), cuMemsetD8Async(d.flushBuffer, 0, d.flushBytes, s));
  return Napi::Number::New(info.Env(), double(d.flushBytes));
}

// block(device, stream?, timeoutNs) -> true when the blocking kernel was launched; false when the
// device cannot map host memory (then cold samples include launch latency and say so).
Napi::Value Block(const Napi::CallbackInfo& info, GpuEnv& env) {
  DeviceState& d = env.Use(DeviceArg(info, "block"));
  CUstream s = PointerArg<CUstream_st>(info, 1, "block");
  unsigned long long timeout = (unsigned long long)IntArg(info, 2, "block", 1000, int64_t(600) * 1000000000);
  if (d.blocked) throw GpuError(GpuErrorKind::kGpu, "block: the device is already blocked; call release first");
  if (!d.canMapHost) return Napi::Boolean::New(info.Env(), false);
  if (!d.hostFlag) {
    void* host = nullptr;
    CB_CHECK(RequireCuda(), cuMemHostAlloc(&host, 2 * sizeof(int), kMemHostAllocPortable | kMemHostAllocDeviceMap));
    d.hostFlag = static_cast<volatile int*>(host);
    CB_CHECK(RequireCuda(), cuMemHostGetDevicePointer_v2(&d.flagDevice, host, 0));
  }
  d.hostFlag[0] = 0;
  d.hostFlag[1] = 0;
  std::atomic_thread_fence(std::memory_order_seq_cst);
  BuiltinKernels& k = env.Kernels(d);
  CUdeviceptr flag = d.flagDevice;
  void* params[] = {&flag, &timeout};
  CB_CHECK(RequireCuda(), cuLaunchKernel(k.blockUntil, 1, 1, 1, 1, 1, 1, 0, s, params, nullptr));
  d.blocked = true;
  return Napi::Boolean::New(info.Env(), true);
}

// release(device): lets the blocking kernel finish. Safe to call when not blocked.
Napi::Value Release(const Napi::CallbackInfo& info, GpuEnv& env) {
  DeviceState& d = env.Use(DeviceArg(info, "release"));
  if (d.blocked && d.hostFlag) {
    std::atomic_thread_fence(std::memory_order_seq_cst);
    d.hostFlag[0] = 1;
    std::atomic_thread_fence(std::memory_order_seq_cst);
  }
  d.blocked = false;
  return info.Env().Undefined();
}

// blockTimedOut(device) -> whether the last blocking kernel gave up waiting (read after a sync): the
// work it was meant to hold synchronised inside the sample, or enqueueing took longer than the timeout.
Napi::Value BlockTimedOut(const Napi::CallbackInfo& info, GpuEnv& env) {
  DeviceState& d = env.Use(DeviceArg(info, "blockTimedOut"));
  std::atomic_thread_fence(std::memory_order_seq_cst);
  return Napi::Boolean::New(info.Env(), d.hostFlag && d.hostFlag[1] != 0);
}

}  // namespace

void RegisterFlush(Napi::Env env, Napi::Object gpu, GpuEnv* state) {
  Export(env, gpu, "flushL2", state, FlushL2);
  Export(env, gpu, "block", state, Block);
  Export(env, gpu, "release", state, Release);
  Export(env, gpu, "blockTimedOut", state, BlockTimedOut);
}

}  // namespace cyclebench::gpu
