// Counters where perf_event_open does not exist: every event is unavailable and says why.
#include "platform.h"
#if !defined(CYCLEBENCH_OS_LINUX)

#include <climits>

#include "counters/perf_events.h"

namespace cyclebench::counters {

const bool kSupported = false;

namespace {

class StubCounterSet final : public CounterSet {
 public:
  explicit StubCounterSet(const std::vector<const EventSpec*>& specs) {
    for (const EventSpec* s : specs) {
      EventSlot e;
      e.spec = s;
      e.reason = "perf_event counters exist only on Linux";
      events_.push_back(e);
    }
  }
  const std::vector<EventSlot>& Events() const override { return events_; }
  const std::vector<GroupInfo>& Groups() const override { return groups_; }
  size_t Length() const override { return 0; }
  bool Read(double*, std::string* error) override {
    if (closed_) *error = "the counter set is closed";
    return !closed_;
  }
  uint64_t RdpmcReads() const override { return 0; }
  uint64_t SyscallReads() const override { return 0; }
  void Close() override { closed_ = true; }
  bool closed() const override { return closed_; }

 private:
  std::vector<EventSlot> events_;
  std::vector<GroupInfo> groups_;
  bool closed_ = false;
};

}  // namespace

int PerfEventParanoid() { return INT_MIN; }

std::unique_ptr<CounterSet> OpenCounterSet(const std::vector<const EventSpec*>& events, const OpenOptions&) {
  return std::unique_ptr<CounterSet>(new StubCounterSet(events));
}

}  // namespace cyclebench::counters

#endif  // !CYCLEBENCH_OS_LINUX
