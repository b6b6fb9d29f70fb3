// The perf_event events cyclebench knows by name: a portable description (no Linux headers), so the
// table, the names and the kinds are the same on every platform.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace cyclebench::counters {

enum class EventKind { kHardware, kSoftware };

// Which perf_event type the event uses; mapped to PERF_TYPE_* in the Linux implementation.
enum class EventType { kHardware, kHardwareCache, kSoftware };

struct EventSpec {
  const char* name;  // cyclebench's name, also the key in results (`instructions`, `page-faults`)
  EventKind kind;    // hardware events need a PMU; software events come from the kernel
  EventType type;
  uint64_t config;       // PERF_COUNT_* value (or the hw-cache triple), stable kernel ABI
  const char* describe;  // one line for `cyclebench info`
};

// Every event, hardware first; 'default' means all of them.
const EventSpec* EventTable(size_t* count);

// The entry for name, or nullptr.
const EventSpec* FindEvent(const std::string& name);

inline const char* KindName(EventKind k) { return k == EventKind::kHardware ? "hardware" : "software"; }

}  // namespace cyclebench::counters
