// Fills the CUPTI table once per process and collects kernel activity; see cupti_api.h.
#include "gpu/cupti_api.h"

#include <cstdlib>

#include "gpu/dynlib.h"

namespace cyclebench::gpu {
namespace {

constexpr size_t kBufferBytes = 2 << 20;
constexpr size_t kAlign = 8;  // ACTIVITY_RECORD_ALIGNMENT

void Load(CuptiApi& api) {
  DynLib lib =
      OpenFirst("CYCLEBENCH_LIBCUPTI",
                {"libcupti.so.13", "libcupti.so.12", "libcupti.so", "/usr/local/cuda/extras/CUPTI/lib64/libcupti.so",
                 "/usr/local/cuda/lib64/libcupti.so", "/usr/local/cuda/targets/x86_64-linux/lib/libcupti.so"});
  if (!lib.handle) {
    api.reason = "libcupti not found: per-kernel times need the CUDA toolkit's CUPTI (dlopen: " + lib.reason + ")";
    return;
  }
  api.path = lib.path;
  std::vector<std::string> missing;
  Bind(lib, api.cuptiGetVersion, "cuptiGetVersion", missing);
  Bind(lib, api.cuptiGetResultString, "cuptiGetResultString", missing);
  Bind(lib, api.cuptiActivityRegisterCallbacks, "cuptiActivityRegisterCallbacks", missing);
  Bind(lib, api.cuptiActivityEnable, "cuptiActivityEnable", missing);
  Bind(lib, api.cuptiActivityDisable, "cuptiActivityDisable", missing);
  Bind(lib, api.cuptiActivityFlushAll, "cuptiActivityFlushAll", missing);
  Bind(lib, api.cuptiActivityGetNextRecord, "cuptiActivityGetNextRecord", missing);
  Bind(lib, api.cuptiActivityGetNumDroppedRecords, "cuptiActivityGetNumDroppedRecords", missing);
  Bind(lib, api.cuptiGetTimestamp, "cuptiGetTimestamp", missing);
  if (!missing.empty()) {
    api.reason = lib.path + " lacks " + JoinNames(missing);
    return;
  }
  api.cuptiGetVersion(&api.version);
  api.ok = true;
}

// Why a call that starts tracing failed, naming the usual culprit.
std::string StartFailure(const CuptiApi& api, CUptiResult r, const char* call) {
  std::string why = ErrorText(api, r);
  if (r == kCuptiErrorMultipleSubscribers) why += ": another CUPTI client (a profiler such as nsys or ncu) is attached";
  return std::string(call) + " failed: " + why;
}

}  // namespace

const CuptiApi& Cupti() {
  static CuptiApi api;
  static std::once_flag once;
  std::call_once(once, [] { Load(api); });
  return api;
}

CuptiCollector& CuptiCollector::Get() {
  static CuptiCollector* collector = new CuptiCollector();  // never destroyed: CUPTI may call back late
  return *collector;
}

std::string ErrorText(const CuptiApi& api, CUptiResult r) {
  const char* text = nullptr;
  api.cuptiGetResultString(r, &text);
  return (text ? std::string(text) : "CUPTI error") + " (" + std::to_string(r) + ")";
}

void CuptiCollector::OnRequested(uint8_t** buffer, size_t* size, size_t* max_records) {
  *buffer = static_cast<uint8_t*>(std::aligned_alloc(kAlign, kBufferBytes));
  *size = *buffer ? kBufferBytes : 0;
  *max_records = 0;
}

void CuptiCollector::OnCompleted(CUcontext ctx, uint32_t stream, uint8_t* buffer, size_t, size_t valid) {
  const CuptiApi& api = Cupti();
  CuptiCollector& self = Get();
  std::vector<KernelRecord> batch;
  CuptiRecordHeader* record = nullptr;
  while (valid > 0 && api.cuptiActivityGetNextRecord(buffer, valid, &record) == 0) {
    if (record->kind != kCuptiActivityConcurrentKernel) continue;
    const auto* k = reinterpret_cast<const CuptiKernelPrefix*>(record);
    KernelRecord r;
    r.name = k->name ? k->name : "";
    r.start = k->start;
    r.end = k->end;
    r.deviceId = k->deviceId;
    r.contextId = k->contextId;
    r.streamId = k->streamId;
    r.correlationId = k->correlationId;
    r.grid[0] = k->gridX, r.grid[1] = k->gridY, r.grid[2] = k->gridZ;
    r.block[0] = k->blockX, r.block[1] = k->blockY, r.block[2] = k->blockZ;
    r.dynamicSharedMemory = k->dynamicSharedMemory;
    batch.push_back(std::move(r));
  }
  size_t dropped = 0;
  api.cuptiActivityGetNumDroppedRecords(ctx, stream, &dropped);
  std::free(buffer);
  std::lock_guard<std::mutex> lock(self.mu_);
  self.dropped_ += dropped;
  if (self.active_) self.records_.insert(self.records_.end(), batch.begin(), batch.end());
}

std::string CuptiCollector::Begin() {
  const CuptiApi& api = Cupti();
  if (!api.ok) return api.reason;
  std::lock_guard<std::mutex> lock(mu_);
  if (active_) return "CUPTI tracing is already in use by another sample in this process";
  if (!registered_) {
    CUptiResult r = api.cuptiActivityRegisterCallbacks(OnRequested, OnCompleted);
    if (r != 0) return StartFailure(api, r, "cuptiActivityRegisterCallbacks");
    registered_ = true;
  }
  CUptiResult r = api.cuptiActivityEnable(kCuptiActivityConcurrentKernel);
  if (r != 0) return StartFailure(api, r, "cuptiActivityEnable(CONCURRENT_KERNEL)");
  records_.clear();
  dropped_ = 0;
  active_ = true;
  return "";
}

std::vector<KernelRecord> CuptiCollector::End(size_t* dropped) {
  const CuptiApi& api = Cupti();
  // Flush outside the lock: OnCompleted takes it.
  api.cuptiActivityFlushAll(kCuptiFlushForced);
  api.cuptiActivityDisable(kCuptiActivityConcurrentKernel);
  std::lock_guard<std::mutex> lock(mu_);
  active_ = false;
  *dropped = dropped_;
  std::vector<KernelRecord> out;
  out.swap(records_);
  return out;
}

}  // namespace cyclebench::gpu
