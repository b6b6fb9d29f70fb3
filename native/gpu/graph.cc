// CUDA graphs for microsecond-scale work: capture what JS enqueues on a non-default stream once, then
// replay the instantiated graph so each sample pays one launch instead of one per kernel.
#include "gpu/state.h"

namespace cyclebench::gpu {
namespace {

CUstream CaptureStream(const Napi::CallbackInfo& info, size_t i, const char* fn) {
  uint64_t s = HandleArg(info, i, fn);
  if (s <= 2)  // 0 / CU_STREAM_LEGACY / CU_STREAM_PER_THREAD cannot be captured
    throw GpuError(GpuErrorKind::kGpu,
                   std::string(fn) + ": graph capture needs a stream from streamCreate, not the default stream");
  return reinterpret_cast<CUstream>(uintptr_t(s));
}

// graphBegin(device, stream): starts a thread-local capture on the stream.
Napi::Value GraphBegin(const Napi::CallbackInfo& info, GpuEnv& env) {
  env.Use(int(IntArg(info, 0, "graphBegin", 0, 1 << 20)));
  CB_CHECK(RequireCuda(), cuStreamBeginCapture_v2(CaptureStream(info, 1, "graphBegin"), kCaptureModeThreadLocal));
  return info.Env().Undefined();
}

// graphEnd(device, stream) -> { graph, nodes }: ends the capture and instantiates it. Ends capture
// mode even when the capture was invalidated (then it throws with the reason).
Napi::Value GraphEnd(const Napi::CallbackInfo& info, GpuEnv& env) {
  int dev = int(IntArg(info, 0, "graphEnd", 0, 1 << 20));
  env.Use(dev);
  CUgraph graph = nullptr;
  CB_CHECK(RequireCuda(), cuStreamEndCapture(CaptureStream(info, 1, "graphEnd"), &graph));
  const CudaApi& cu = RequireCuda();
  size_t nodes = 0;
  CUgraphExec exec = nullptr;
  CUresult r = cu.cuGraphGetNodes(graph, nullptr, &nodes);
  if (r == kCudaSuccess) r = cu.cuGraphInstantiateWithFlags(&exec, graph, 0);
  cu.cuGraphDestroy(graph);
  if (r != kCudaSuccess) ThrowCall(cu, r, "cuGraphInstantiate", __FILE__, __LINE__);
  env.graphs[exec] = dev;
  Napi::Object o = Napi::Object::New(info.Env());
  o.Set("graph", Handle(info.Env(), exec));
  o.Set("nodes", double(nodes));
  return o;
}

// graphLaunch(device, graph, stream, count?): replays the graph `count` times on the stream.
Napi::Value GraphLaunch(const Napi::CallbackInfo& info, GpuEnv& env) {
  env.Use(int(IntArg(info, 0, "graphLaunch", 0, 1 << 20)));
  CUgraphExec exec = PointerArg<CUgraphExec_st>(info, 1, "graphLaunch");
  if (!env.graphs.count(exec))
    throw GpuError(GpuErrorKind::kGpu, "graphLaunch: not a graph from graphEnd (or destroyed)");
  CUstream s = PointerArg<CUstream_st>(info, 2, "graphLaunch");
  int64_t count = info.Length() > 3 && !info[3].IsUndefined() ? IntArg(info, 3, "graphLaunch", 1, 1 << 24) : 1;
  for (int64_t i = 0; i < count; ++i) CB_CHECK(RequireCuda(), cuGraphLaunch(exec, s));
  return info.Env().Undefined();
}

Napi::Value GraphDestroy(const Napi::CallbackInfo& info, GpuEnv& env) {
  CUgraphExec exec = PointerArg<CUgraphExec_st>(info, 0, "graphDestroy");
  auto it = env.graphs.find(exec);
  if (it == env.graphs.end())
    throw GpuError(GpuErrorKind::kGpu, "graphDestroy: not a graph from graphEnd (or destroyed)");
  env.Use(it->second);
  CB_CHECK(RequireCuda(), cuGraphExecDestroy(exec));
  env.graphs.erase(it);
  return info.Env().Undefined();
}

}  // namespace

void RegisterGraph(Napi::Env env, Napi::Object gpu, GpuEnv* state) {
  Export(env, gpu, "graphBegin", state, GraphBegin);
  Export(env, gpu, "graphEnd", state, GraphEnd);
  Export(env, gpu, "graphLaunch", state, GraphLaunch);
  Export(env, gpu, "graphDestroy", state, GraphDestroy);
}

}  // namespace cyclebench::gpu
