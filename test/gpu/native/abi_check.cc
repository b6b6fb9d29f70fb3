// Compile-time check that the addon's own CUDA declarations (native/gpu/*_api.h, written so the addon
// builds without the toolkit) match the toolkit's headers: function signatures (arity, and the size
// and kind of every parameter), enum values, and the CUPTI kernel record layout.
// Compiled with -fsyntax-only by test/gpu/abi.test.ts when /usr/local/cuda/include exists.
#include "gpu/cuda_api.h"
#include "gpu/cupti_api.h"
// The toolkit's headers come after ours: their macros rename some API names (cuEventElapsedTime).
#include <cuda.h>
#include <cupti_activity.h>
#include <cupti_version.h>

#include <cstddef>
#include <type_traits>

namespace g = cyclebench::gpu;

template <class T, class = void>
struct IsComplete : std::false_type {};
template <class T>
struct IsComplete<T, std::void_t<decltype(sizeof(T))>> : std::true_type {};

// Two argument types are ABI-equal when both are pointers (to types of equal size where both are
// complete) or both are integers/enums of equal size, or both are the same floating type.
template <class A, class B>
constexpr bool SameArg() {
  if constexpr (std::is_pointer_v<A> && std::is_pointer_v<B>) {
    using PA = std::remove_cv_t<std::remove_pointer_t<A>>;
    using PB = std::remove_cv_t<std::remove_pointer_t<B>>;
    if constexpr (std::is_void_v<PA> || std::is_void_v<PB> || !IsComplete<PA>::value || !IsComplete<PB>::value)
      return true;
    else
      return sizeof(PA) == sizeof(PB) && std::is_pointer_v<PA> == std::is_pointer_v<PB>;
  } else if constexpr ((std::is_integral_v<A> || std::is_enum_v<A>) && (std::is_integral_v<B> || std::is_enum_v<B>)) {
    return sizeof(A) == sizeof(B);
  } else {
    return std::is_same_v<A, B>;
  }
}

template <class F, class G>
struct SameAbi : std::false_type {};
template <class R1, class... A1, class R2, class... A2>
struct SameAbi<R1 (*)(A1...), R2 (*)(A2...)> {
  static constexpr bool value = [] {
    if constexpr (sizeof...(A1) != sizeof...(A2))
      return false;
    else
      return SameArg<R1, R2>() && (SameArg<A1, A2>() && ...);
  }();
};

#define CHECK_FN(Table, field, real) \
  static_assert(SameAbi<decltype(g::Table::field), decltype(&::real)>::value, #real " differs from cuda.h/cupti.h")

// Driver API: each table field against the exact symbol the loader binds.
CHECK_FN(CudaApi, cuInit, cuInit);
CHECK_FN(CudaApi, cuDriverGetVersion, cuDriverGetVersion);
CHECK_FN(CudaApi, cuGetErrorString, cuGetErrorString);
CHECK_FN(CudaApi, cuGetErrorName, cuGetErrorName);
CHECK_FN(CudaApi, cuDeviceGetCount, cuDeviceGetCount);
CHECK_FN(CudaApi, cuDeviceGet, cuDeviceGet);
CHECK_FN(CudaApi, cuDeviceGetName, cuDeviceGetName);
CHECK_FN(CudaApi, cuDeviceGetAttribute, cuDeviceGetAttribute);
CHECK_FN(CudaApi, cuDeviceTotalMem_v2, cuDeviceTotalMem_v2);
CHECK_FN(CudaApi, cuDeviceGetPCIBusId, cuDeviceGetPCIBusId);
CHECK_FN(CudaApi, cuDevicePrimaryCtxRetain, cuDevicePrimaryCtxRetain);
CHECK_FN(CudaApi, cuDevicePrimaryCtxRelease_v2, cuDevicePrimaryCtxRelease_v2);
CHECK_FN(CudaApi, cuCtxSetCurrent, cuCtxSetCurrent);
CHECK_FN(CudaApi, cuCtxSynchronize, cuCtxSynchronize);
CHECK_FN(CudaApi, cuEventCreate, cuEventCreate);
CHECK_FN(CudaApi, cuEventDestroy_v2, cuEventDestroy_v2);
CHECK_FN(CudaApi, cuEventRecord, cuEventRecord);
CHECK_FN(CudaApi, cuEventSynchronize, cuEventSynchronize);
CHECK_FN(CudaApi, cuStreamCreate, cuStreamCreate);
CHECK_FN(CudaApi, cuStreamDestroy_v2, cuStreamDestroy_v2);
CHECK_FN(CudaApi, cuStreamSynchronize, cuStreamSynchronize);
CHECK_FN(CudaApi, cuMemAlloc_v2, cuMemAlloc_v2);
CHECK_FN(CudaApi, cuMemFree_v2, cuMemFree_v2);
CHECK_FN(CudaApi, cuMemcpyHtoD_v2, cuMemcpyHtoD_v2);
CHECK_FN(CudaApi, cuMemcpyDtoH_v2, cuMemcpyDtoH_v2);
CHECK_FN(CudaApi, cuMemcpyDtoDAsync_v2, cuMemcpyDtoDAsync_v2);
CHECK_FN(CudaApi, cuMemsetD8_v2, cuMemsetD8_v2);
CHECK_FN(CudaApi, cuMemsetD8Async, cuMemsetD8Async);
CHECK_FN(CudaApi, cuMemGetInfo_v2, cuMemGetInfo_v2);
CHECK_FN(CudaApi, cuMemHostAlloc, cuMemHostAlloc);
CHECK_FN(CudaApi, cuMemFreeHost, cuMemFreeHost);
CHECK_FN(CudaApi, cuMemHostGetDevicePointer_v2, cuMemHostGetDevicePointer_v2);
CHECK_FN(CudaApi, cuModuleLoadDataEx, cuModuleLoadDataEx);
CHECK_FN(CudaApi, cuModuleUnload, cuModuleUnload);
CHECK_FN(CudaApi, cuModuleGetFunction, cuModuleGetFunction);
CHECK_FN(CudaApi, cuLaunchKernel, cuLaunchKernel);
CHECK_FN(CudaApi, cuStreamBeginCapture_v2, cuStreamBeginCapture_v2);
CHECK_FN(CudaApi, cuStreamEndCapture, cuStreamEndCapture);
CHECK_FN(CudaApi, cuGraphGetNodes, cuGraphGetNodes);
CHECK_FN(CudaApi, cuGraphInstantiateWithFlags, cuGraphInstantiateWithFlags);
CHECK_FN(CudaApi, cuGraphLaunch, cuGraphLaunch);
CHECK_FN(CudaApi, cuGraphExecDestroy, cuGraphExecDestroy);
CHECK_FN(CudaApi, cuGraphDestroy, cuGraphDestroy);
#undef cuEventElapsedTime
static_assert(SameAbi<decltype(g::CudaApi::cuEventElapsedTime), decltype(&::cuEventElapsedTime_v2)>::value,
              "cuEventElapsedTime_v2 differs from cuda.h");

// Handle and value types.
static_assert(sizeof(g::CUdeviceptr) == sizeof(::CUdeviceptr));
static_assert(sizeof(g::CUdevice) == sizeof(::CUdevice));
static_assert(sizeof(g::CUresult) == sizeof(::CUresult));

// Constants.
static_assert(g::kCudaSuccess == CUDA_SUCCESS);
static_assert(g::kCudaErrorNotReady == CUDA_ERROR_NOT_READY);
static_assert(g::kEventDefault == CU_EVENT_DEFAULT && g::kEventBlockingSync == CU_EVENT_BLOCKING_SYNC);
static_assert(g::kStreamNonBlocking == CU_STREAM_NON_BLOCKING);
static_assert(g::kCaptureModeThreadLocal == CU_STREAM_CAPTURE_MODE_THREAD_LOCAL);
static_assert(g::kMemHostAllocPortable == CU_MEMHOSTALLOC_PORTABLE && g::kMemHostAllocDeviceMap == CU_MEMHOSTALLOC_DEVICEMAP);
static_assert(int(g::kAttrMaxThreadsPerBlock) == int(CU_DEVICE_ATTRIBUTE_MAX_THREADS_PER_BLOCK));
static_assert(int(g::kAttrClockRateKHz) == int(CU_DEVICE_ATTRIBUTE_CLOCK_RATE));
static_assert(int(g::kAttrMultiprocessorCount) == int(CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT));
static_assert(int(g::kAttrCanMapHostMemory) == int(CU_DEVICE_ATTRIBUTE_CAN_MAP_HOST_MEMORY));
static_assert(int(g::kAttrMemoryClockRateKHz) == int(CU_DEVICE_ATTRIBUTE_MEMORY_CLOCK_RATE));
static_assert(int(g::kAttrGlobalMemoryBusWidth) == int(CU_DEVICE_ATTRIBUTE_GLOBAL_MEMORY_BUS_WIDTH));
static_assert(int(g::kAttrL2CacheSize) == int(CU_DEVICE_ATTRIBUTE_L2_CACHE_SIZE));
static_assert(int(g::kAttrComputeCapabilityMajor) == int(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR));
static_assert(int(g::kAttrComputeCapabilityMinor) == int(CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR));

// CUPTI.
CHECK_FN(CuptiApi, cuptiGetVersion, cuptiGetVersion);
CHECK_FN(CuptiApi, cuptiGetResultString, cuptiGetResultString);
CHECK_FN(CuptiApi, cuptiActivityRegisterCallbacks, cuptiActivityRegisterCallbacks);
CHECK_FN(CuptiApi, cuptiActivityEnable, cuptiActivityEnable);
CHECK_FN(CuptiApi, cuptiActivityDisable, cuptiActivityDisable);
CHECK_FN(CuptiApi, cuptiActivityFlushAll, cuptiActivityFlushAll);
CHECK_FN(CuptiApi, cuptiActivityGetNextRecord, cuptiActivityGetNextRecord);
CHECK_FN(CuptiApi, cuptiActivityGetNumDroppedRecords, cuptiActivityGetNumDroppedRecords);
CHECK_FN(CuptiApi, cuptiGetTimestamp, cuptiGetTimestamp);
static_assert(SameAbi<g::CuptiApi::BufferRequested, CUpti_BuffersCallbackRequestFunc>::value);
static_assert(SameAbi<g::CuptiApi::BufferCompleted, CUpti_BuffersCallbackCompleteFunc>::value);
static_assert(g::kCuptiActivityConcurrentKernel == CUPTI_ACTIVITY_KIND_CONCURRENT_KERNEL);
static_assert(g::kCuptiErrorMultipleSubscribers == CUPTI_ERROR_MULTIPLE_SUBSCRIBERS_NOT_SUPPORTED);
static_assert(g::kCuptiErrorMaxLimitReached == CUPTI_ERROR_MAX_LIMIT_REACHED);
static_assert(g::kCuptiFlushForced == CUPTI_ACTIVITY_FLAG_FLUSH_FORCED);

// The kernel record prefix, against the current record and the oldest one still declared.
#define CHECK_FIELD(Record, f) \
  static_assert(offsetof(Record, f) == offsetof(g::CuptiKernelPrefix, f), #Record "::" #f " moved")
#define CHECK_RECORD(Record)                 \
  CHECK_FIELD(Record, kind);                 \
  CHECK_FIELD(Record, start);                \
  CHECK_FIELD(Record, end);                  \
  CHECK_FIELD(Record, deviceId);             \
  CHECK_FIELD(Record, contextId);            \
  CHECK_FIELD(Record, streamId);             \
  CHECK_FIELD(Record, gridX);                \
  CHECK_FIELD(Record, gridZ);                \
  CHECK_FIELD(Record, blockX);               \
  CHECK_FIELD(Record, blockZ);               \
  CHECK_FIELD(Record, dynamicSharedMemory);  \
  CHECK_FIELD(Record, correlationId);        \
  CHECK_FIELD(Record, gridId);               \
  CHECK_FIELD(Record, name)
CHECK_RECORD(CUpti_ActivityKernel10);
CHECK_RECORD(CUpti_ActivityKernel9);
CHECK_RECORD(CUpti_ActivityKernel4);

int main() { return 0; }
