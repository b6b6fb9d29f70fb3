// A set of perf_event counters for the calling thread, organised in groups that are each read with
// one read() (or, for hardware groups whose pages allow it, with rdpmc from user space).
//
// Hardware events share groups (a new group starts when the PMU refuses to schedule one more member);
// software events have their own group, so they still count when there is no PMU. Events that cannot
// be opened are kept in the set with the reason, never dropped silently.
//
// Buffer layout written by Read(): for each group g, [time_enabled, time_running, value...] in ns and
// raw counts, at the slots Layout() reports. Platform code lives in perf_events_linux.cc; every other
// platform gets perf_events_stub.cc, where kSupported is false and every event says why.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "counters/event_table.h"

namespace cyclebench::counters {

// True where perf_event_open exists (Linux).
extern const bool kSupported;

struct OpenOptions {
  bool includeKernel = false;  // exclude_kernel/exclude_hv are set unless asked for
  bool allowRdpmc = true;      // use the user-space path where the kernel offers it
};

// One event of the set as the caller sees it.
struct EventSlot {
  const EventSpec* spec;
  bool available = false;
  std::string reason;  // why not, when unavailable
  int group = -1;      // index into groups, when available
  size_t valueSlot = 0, enabledSlot = 0, runningSlot = 0;
};

struct GroupInfo {
  EventKind kind;
  size_t enabledSlot, runningSlot;
  size_t members;
  bool rdpmc;  // every member's mmap page offers cap_user_rdpmc and cap_user_time
};

class CounterSet {
 public:
  virtual ~CounterSet() = default;
  virtual const std::vector<EventSlot>& Events() const = 0;
  virtual const std::vector<GroupInfo>& Groups() const = 0;
  // Doubles Read() writes.
  virtual size_t Length() const = 0;
  // Reads every group into out[0, Length()). Returns false (with *error set) if a read failed.
  virtual bool Read(double* out, std::string* error) = 0;
  // Reads done through rdpmc / through read() since opening (for tests and `info`).
  virtual uint64_t RdpmcReads() const = 0;
  virtual uint64_t SyscallReads() const = 0;
  virtual void Close() = 0;
  virtual bool closed() const = 0;
};

// Opens the named events (already validated against the table) for the calling thread.
std::unique_ptr<CounterSet> OpenCounterSet(const std::vector<const EventSpec*>& events, const OpenOptions& options);

// The value of /proc/sys/kernel/perf_event_paranoid, or INT32_MIN when it cannot be read.
int PerfEventParanoid();

}  // namespace cyclebench::counters
