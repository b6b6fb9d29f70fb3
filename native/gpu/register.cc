// Registers the addon's `gpu` export: one object holding every GPU function, all sharing one
// per-environment GpuEnv that is released with the environment. Loading libcuda and friends happens
// on first use, never here, so the addon loads on machines without a driver.
#include "common.h"
#include "gpu/state.h"

namespace cyclebench {

void InitGpu(Napi::Env env, Napi::Object exports) {
  auto* state = new gpu::GpuEnv();
  napi_add_env_cleanup_hook(
      env, [](void* p) { delete static_cast<gpu::GpuEnv*>(p); }, state);
  Napi::Object g = Napi::Object::New(env);
  gpu::RegisterProbe(env, g, state);
  gpu::RegisterEvents(env, g, state);
  gpu::RegisterMemory(env, g, state);
  gpu::RegisterModules(env, g, state);
  gpu::RegisterFlush(env, g, state);
  gpu::RegisterCalibrate(env, g, state);
  gpu::RegisterGraph(env, g, state);
  gpu::RegisterTelemetry(env, g, state);
  exports.Set("gpu", g);
}

}  // namespace cyclebench
