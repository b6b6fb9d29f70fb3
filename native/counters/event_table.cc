// The event table. Config values are the perf_event ABI numbers (include/uapi/linux/perf_event.h),
// written out so the table compiles on platforms without that header.
#include "counters/event_table.h"

namespace cyclebench::counters {
namespace {

// PERF_COUNT_HW_*
constexpr uint64_t kHwCpuCycles = 0, kHwInstructions = 1, kHwCacheReferences = 2, kHwCacheMisses = 3,
                   kHwBranchInstructions = 4, kHwBranchMisses = 5, kHwStalledFrontend = 7, kHwStalledBackend = 8;
// PERF_COUNT_HW_CACHE_L1D | (PERF_COUNT_HW_CACHE_OP_READ << 8) | (PERF_COUNT_HW_CACHE_RESULT_MISS << 16)
constexpr uint64_t kL1dReadMiss = 0 | (0 << 8) | (1 << 16);
// PERF_COUNT_SW_*
constexpr uint64_t kSwTaskClock = 1, kSwPageFaults = 2, kSwContextSwitches = 3, kSwCpuMigrations = 4;

constexpr EventSpec kEvents[] = {
    {"cycles", EventKind::kHardware, EventType::kHardware, kHwCpuCycles, "CPU cycles (user space)"},
    {"instructions", EventKind::kHardware, EventType::kHardware, kHwInstructions, "instructions retired"},
    {"branches", EventKind::kHardware, EventType::kHardware, kHwBranchInstructions, "branch instructions retired"},
    {"branch-misses", EventKind::kHardware, EventType::kHardware, kHwBranchMisses, "mispredicted branches"},
    {"cache-references", EventKind::kHardware, EventType::kHardware, kHwCacheReferences, "last-level cache references"},
    {"cache-misses", EventKind::kHardware, EventType::kHardware, kHwCacheMisses, "last-level cache misses"},
    {"L1-dcache-load-misses", EventKind::kHardware, EventType::kHardwareCache, kL1dReadMiss,
     "L1 data cache read misses"},
    {"stalled-cycles-frontend", EventKind::kHardware, EventType::kHardware, kHwStalledFrontend,
     "cycles the front end issued nothing"},
    {"stalled-cycles-backend", EventKind::kHardware, EventType::kHardware, kHwStalledBackend,
     "cycles the back end retired nothing"},
    {"task-clock", EventKind::kSoftware, EventType::kSoftware, kSwTaskClock, "CPU time of this thread, ns"},
    {"page-faults", EventKind::kSoftware, EventType::kSoftware, kSwPageFaults, "page faults"},
    {"context-switches", EventKind::kSoftware, EventType::kSoftware, kSwContextSwitches, "context switches"},
    {"cpu-migrations", EventKind::kSoftware, EventType::kSoftware, kSwCpuMigrations, "moves to another CPU"},
};

}  // namespace

const EventSpec* EventTable(size_t* count) {
  *count = sizeof(kEvents) / sizeof(kEvents[0]);
  return kEvents;
}

const EventSpec* FindEvent(const std::string& name) {
  for (const EventSpec& e : kEvents)
    if (name == e.name) return &e;
  return nullptr;
}

}  // namespace cyclebench::counters
