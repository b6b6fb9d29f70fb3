// Per-environment GPU state (one per main thread or worker): retained primary contexts, the
// calibration kernels, cold-mode buffers and everything JS allocated, released when the environment
// goes away. Also the Node-API plumbing every gpu/*.cc file shares: handles as BigInt, argument
// readers, and the one place where GpuError becomes a JS Error with a `code` (through errors.h).
#pragma once
#include <napi.h>

#include <map>
#include <memory>
#include <set>
#include <string>

#include "errors.h"
#include "gpu/cuda_api.h"

namespace cyclebench::gpu {

// The built-in calibration kernels of one device (native/gpu/kernels/*.cu as embedded PTX).
struct BuiltinKernels {
  CUmodule timer = nullptr, blocking = nullptr, copy = nullptr;
  CUfunction spinNs = nullptr, clockRatio = nullptr, blockUntil = nullptr, l2Flush = nullptr, copyWords = nullptr;
};

struct DeviceState {
  int ordinal = 0;
  CUdevice dev = 0;
  CUcontext ctx = nullptr;  // the device's primary context, retained
  std::string pciBusId;
  int l2Bytes = 0;
  bool canMapHost = false;
  std::unique_ptr<BuiltinKernels> kernels;  // loaded on first use
  CUdeviceptr flushBuffer = 0;              // >= 2x L2, for cold samples
  size_t flushBytes = 0;
  volatile int* hostFlag = nullptr;  // [0] release, [1] timed out; host-mapped for cb_block_until
  CUdeviceptr flagDevice = 0;
  bool blocked = false;
};

class GpuEnv {
 public:
  ~GpuEnv();
  // The device's state with its primary context current on this thread; retains it on first use.
  DeviceState& Use(int ordinal);
  // The device's built-in kernels (loads the PTX on first use); the context must be current.
  BuiltinKernels& Kernels(DeviceState& d);

  std::map<int, std::unique_ptr<DeviceState>> devices;
  struct Allocation {
    int device;
    size_t bytes;
  };
  std::map<CUdeviceptr, Allocation> allocations;  // base pointer -> owner
  // Throws unless [ptr, ptr + bytes) lies inside one allocation of this environment; pointers that
  // this environment did not allocate (from another library) are let through unchecked.
  void CheckRange(CUdeviceptr ptr, size_t bytes, const char* fn) const;
  std::map<CUstream, int> streams;
  std::map<CUmodule, int> modules;
  std::map<CUgraphExec, int> graphs;
  // False once the environment released its contexts: objects that outlive it (timers collected
  // late) must not touch their CUDA handles any more.
  std::shared_ptr<bool> alive = std::make_shared<bool>(true);
};

// Handles (pointers, streams, modules, functions) travel to JS as BigInt.
Napi::BigInt Handle(Napi::Env env, uint64_t value);
template <typename T>
Napi::BigInt Handle(Napi::Env env, T* p) {
  return Handle(env, uint64_t(reinterpret_cast<uintptr_t>(p)));
}
// Reads argument i as a handle: a BigInt, or a non-negative integer Number (0 = default stream).
uint64_t HandleArg(const Napi::CallbackInfo& info, size_t i, const char* fn);
template <typename T>
T* PointerArg(const Napi::CallbackInfo& info, size_t i, const char* fn) {
  return reinterpret_cast<T*>(uintptr_t(HandleArg(info, i, fn)));
}
// Reads argument i as an integer in [lo, hi].
int64_t IntArg(const Napi::CallbackInfo& info, size_t i, const char* fn, int64_t lo, int64_t hi);
// Reads argument i as a string.
std::string StringArg(const Napi::CallbackInfo& info, size_t i, const char* fn);

// Throws a JS Error for a C++ exception: message "cyclebench gpu: ...", code E_CUDA_UNAVAILABLE or E_GPU.
[[noreturn]] void ThrowJs(Napi::Env env, const std::string& message, GpuErrorKind kind);

// Runs f, the body of a GPU function: GpuError and other C++ exceptions leave it as ThrowJs's JS
// Error; a Napi::Error (already a JS Error with its code) passes unchanged.
template <typename F>
Napi::Value Guarded(Napi::Env env, F&& f) {
  try {
    return f();
  } catch (const Napi::Error&) {
    throw;
  } catch (const GpuError& e) {
    ThrowJs(env, e.what(), e.kind());
  } catch (const std::exception& e) {
    ThrowJs(env, e.what(), GpuErrorKind::kGpu);
  }
}

// A GPU export: receives the environment's state; runs Guarded.
using GpuFn = Napi::Value (*)(const Napi::CallbackInfo&, GpuEnv&);
void Export(Napi::Env env, Napi::Object target, const char* name, GpuEnv* state, GpuFn fn);

// Registration of each file's exports (called by register.cc).
void RegisterProbe(Napi::Env env, Napi::Object gpu, GpuEnv* state);
void RegisterEvents(Napi::Env env, Napi::Object gpu, GpuEnv* state);
void RegisterMemory(Napi::Env env, Napi::Object gpu, GpuEnv* state);
void RegisterModules(Napi::Env env, Napi::Object gpu, GpuEnv* state);
void RegisterFlush(Napi::Env env, Napi::Object gpu, GpuEnv* state);
void RegisterCalibrate(Napi::Env env, Napi::Object gpu, GpuEnv* state);
void RegisterGraph(Napi::Env env, Napi::Object gpu, GpuEnv* state);
void RegisterTelemetry(Napi::Env env, Napi::Object gpu, GpuEnv* state);

}  // namespace cyclebench::gpu
