// Fills the driver table once per process; see cuda_api.h.
#include "gpu/cuda_api.h"

#include <mutex>
#include <vector>

#include "gpu/dynlib.h"

namespace cyclebench::gpu {
namespace {

void Load(CudaApi& api) {
  DynLib lib = OpenFirst("CYCLEBENCH_LIBCUDA", {"libcuda.so.1", "libcuda.so"});
  if (!lib.handle) {
    api.reason = "libcuda.so.1 not found: no NVIDIA driver (dlopen: " + lib.reason + ")";
    return;
  }
  api.path = lib.path;
  std::vector<std::string> missing;
  Bind(lib, api.cuInit, "cuInit", missing);
  Bind(lib, api.cuDriverGetVersion, "cuDriverGetVersion", missing);
  Bind(lib, api.cuGetErrorString, "cuGetErrorString", missing);
  Bind(lib, api.cuGetErrorName, "cuGetErrorName", missing);
  Bind(lib, api.cuDeviceGetCount, "cuDeviceGetCount", missing);
  Bind(lib, api.cuDeviceGet, "cuDeviceGet", missing);
  Bind(lib, api.cuDeviceGetName, "cuDeviceGetName", missing);
  Bind(lib, api.cuDeviceGetAttribute, "cuDeviceGetAttribute", missing);
  Bind(lib, api.cuDeviceTotalMem_v2, "cuDeviceTotalMem_v2", missing);
  Bind(lib, api.cuDeviceGetPCIBusId, "cuDeviceGetPCIBusId", missing);
  Bind(lib, api.cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain", missing);
  Bind(lib, api.cuDevicePrimaryCtxRelease_v2, "cuDevicePrimaryCtxRelease_v2", missing);
  Bind(lib, api.cuCtxSetCurrent, "cuCtxSetCurrent", missing);
  Bind(lib, api.cuCtxSynchronize, "cuCtxSynchronize", missing);
  Bind(lib, api.cuEventCreate, "cuEventCreate", missing);
  Bind(lib, api.cuEventDestroy_v2, "cuEventDestroy_v2", missing);
  Bind(lib, api.cuEventRecord, "cuEventRecord", missing);
  Bind(lib, api.cuEventSynchronize, "cuEventSynchronize", missing);
  // CUDA 13 headers map cuEventElapsedTime to _v2; older drivers only export the original.
  std::vector<std::string> no_v2;
  Bind(lib, api.cuEventElapsedTime, "cuEventElapsedTime_v2", no_v2);
  api.elapsedV2 = no_v2.empty();
  if (!api.elapsedV2) Bind(lib, api.cuEventElapsedTime, "cuEventElapsedTime", missing);
  Bind(lib, api.cuStreamCreate, "cuStreamCreate", missing);
  Bind(lib, api.cuStreamDestroy_v2, "cuStreamDestroy_v2", missing);
  Bind(lib, api.cuStreamSynchronize, "cuStreamSynchronize", missing);
  Bind(lib, api.cuMemAlloc_v2, "cuMemAlloc_v2", missing);
  Bind(lib, api.cuMemFree_v2, "cuMemFree_v2", missing);
  Bind(lib, api.cuMemcpyHtoD_v2, "cuMemcpyHtoD_v2", missing);
  Bind(lib, api.cuMemcpyDtoH_v2, "cuMemcpyDtoH_v2", missing);
  Bind(lib, api.cuMemcpyDtoDAsync_v2, "cuMemcpyDtoDAsync_v2", missing);
  Bind(lib, api.cuMemsetD8_v2, "cuMemsetD8_v2", missing);
  Bind(lib, api.cuMemsetD8Async, "cuMemsetD8Async", missing);
  Bind(lib, api.cuMemGetInfo_v2, "cuMemGetInfo_v2", missing);
  Bind(lib, api.cuMemHostAlloc, "cuMemHostAlloc", missing);
  Bind(lib, api.cuMemFreeHost, "cuMemFreeHost", missing);
  Bind(lib, api.cuMemHostGetDevicePointer_v2, "cuMemHostGetDevicePointer_v2", missing);
  Bind(lib, api.cuModuleLoadDataEx, "cuModuleLoadDataEx", missing);
  Bind(lib, api.cuModuleUnload, "cuModuleUnload", missing);
  Bind(lib, api.cuModuleGetFunction, "cuModuleGetFunction", missing);
  Bind(lib, api.cuLaunchKernel, "cuLaunchKernel", missing);
  Bind(lib, api.cuStreamBeginCapture_v2, "cuStreamBeginCapture_v2", missing);
  Bind(lib, api.cuStreamEndCapture, "cuStreamEndCapture", missing);
  Bind(lib, api.cuGraphGetNodes, "cuGraphGetNodes", missing);
  Bind(lib, api.cuGraphInstantiateWithFlags, "cuGraphInstantiateWithFlags", missing);
  Bind(lib, api.cuGraphLaunch, "cuGraphLaunch", missing);
  Bind(lib, api.cuGraphExecDestroy, "cuGraphExecDestroy", missing);
  Bind(lib, api.cuGraphDestroy, "cuGraphDestroy", missing);
  if (!missing.empty()) {
    api.reason = lib.path + " lacks " + JoinNames(missing) + ": the driver is too old (CUDA 11.4+ needed)";
    return;
  }
  api.cuDriverGetVersion(&api.driverVersion);
  CUresult r = api.cuInit(0);
  if (r != kCudaSuccess) {
    api.reason = "cuInit failed: " + ErrorText(api, r);
    return;
  }
  api.ok = true;
}

}  // namespace

const CudaApi& Cuda() {
  static CudaApi api;
  static std::once_flag once;
  std::call_once(once, [] { Load(api); });
  return api;
}

const CudaApi& RequireCuda() {
  const CudaApi& api = Cuda();
  if (!api.ok) throw GpuError(GpuErrorKind::kUnavailable, "CUDA is unavailable: " + api.reason);
  return api;
}

std::string ErrorText(const CudaApi& api, CUresult r) {
  const char* name = nullptr;
  const char* text = nullptr;
  if (api.cuGetErrorName) api.cuGetErrorName(r, &name);
  if (api.cuGetErrorString) api.cuGetErrorString(r, &text);
  std::string out = name ? name : "CUDA error " + std::to_string(r);
  if (text) out += std::string(" (") + text + ")";
  return out;
}

}  // namespace cyclebench::gpu
