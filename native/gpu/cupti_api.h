// CUPTI activity tracing opened with dlopen: each kernel's name and GPU start/end times. CUPTI is
// process-wide by nature (one subscriber per process), so the collector is a process singleton
// guarded by a mutex; only one environment at a time may trace.
#pragma once
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "gpu/cuda_api.h"

namespace cyclebench::gpu {

using CUptiResult = int;

// The stable prefix of CUpti_ActivityKernel4..10 (cupti_activity.h), up to the name field; the
// offsets are checked against the real header by test/gpu/native/abi_check.cc.
struct CuptiKernelPrefix {
  int32_t kind;
  uint8_t cacheConfig;
  uint8_t sharedMemoryConfig;
  uint16_t registersPerThread;
  int32_t partitionedGlobalCacheRequested;
  int32_t partitionedGlobalCacheExecuted;
  uint64_t start;
  uint64_t end;
  uint64_t completed;
  uint32_t deviceId;
  uint32_t contextId;
  uint32_t streamId;
  int32_t gridX, gridY, gridZ;
  int32_t blockX, blockY, blockZ;
  int32_t staticSharedMemory;
  int32_t dynamicSharedMemory;
  uint32_t localMemoryPerThread;
  uint32_t localMemoryTotal;
  uint32_t correlationId;
  int64_t gridId;
  const char* name;
};

struct CuptiRecordHeader {
  int32_t kind;
};

constexpr int kCuptiActivityConcurrentKernel = 10;
constexpr int kCuptiErrorMultipleSubscribers = 39;
constexpr int kCuptiErrorMaxLimitReached = 12;
constexpr unsigned kCuptiFlushForced = 1;

struct CuptiApi {
  bool ok = false;
  std::string reason;
  std::string path;
  uint32_t version = 0;

  using BufferRequested = void (*)(uint8_t**, size_t*, size_t*);
  using BufferCompleted = void (*)(CUcontext, uint32_t, uint8_t*, size_t, size_t);
  CUptiResult (*cuptiGetVersion)(uint32_t*) = nullptr;
  CUptiResult (*cuptiGetResultString)(CUptiResult, const char**) = nullptr;
  CUptiResult (*cuptiActivityRegisterCallbacks)(BufferRequested, BufferCompleted) = nullptr;
  CUptiResult (*cuptiActivityEnable)(int) = nullptr;
  CUptiResult (*cuptiActivityDisable)(int) = nullptr;
  CUptiResult (*cuptiActivityFlushAll)(unsigned) = nullptr;
  CUptiResult (*cuptiActivityGetNextRecord)(uint8_t*, size_t, CuptiRecordHeader**) = nullptr;
  CUptiResult (*cuptiActivityGetNumDroppedRecords)(CUcontext, uint32_t, size_t*) = nullptr;
  CUptiResult (*cuptiGetTimestamp)(uint64_t*) = nullptr;
};

// Opens $CYCLEBENCH_LIBCUPTI, libcupti.so.13, .12, the unversioned name, then the toolkit's folders.
const CuptiApi& Cupti();

// cuptiGetResultString's text and the number, for a result code (for CB_CHECK and reasons).
std::string ErrorText(const CuptiApi& api, CUptiResult r);

// One kernel execution as CUPTI saw it; times are GPU timestamps in ns.
struct KernelRecord {
  std::string name;
  uint64_t start = 0, end = 0;
  uint32_t deviceId = 0, contextId = 0, streamId = 0, correlationId = 0;
  int32_t grid[3] = {0, 0, 0}, block[3] = {0, 0, 0};
  int32_t dynamicSharedMemory = 0;
};

// The process's kernel-activity collector.
class CuptiCollector {
 public:
  static CuptiCollector& Get();

  // Starts recording kernels. Returns "" on success, else why tracing is not possible (CUPTI absent,
  // another subscriber such as a profiler, ...); never throws.
  std::string Begin();
  // Flushes, stops recording and returns the kernels recorded since Begin, plus records dropped.
  std::vector<KernelRecord> End(size_t* dropped);

 private:
  static void OnRequested(uint8_t** buffer, size_t* size, size_t* max_records);
  static void OnCompleted(CUcontext ctx, uint32_t stream, uint8_t* buffer, size_t size, size_t valid);

  std::mutex mu_;
  bool registered_ = false;
  bool active_ = false;
  std::vector<KernelRecord> records_;
  size_t dropped_ = 0;
};

}  // namespace cyclebench::gpu
