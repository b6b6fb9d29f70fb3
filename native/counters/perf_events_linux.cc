// perf_event counters on Linux: perf_event_open groups, one read() per group, rdpmc where offered.
#include "platform.h"
#if defined(CYCLEBENCH_OS_LINUX)

#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstring>
#include <fstream>

#include "clock/cycleclock.h"
#include "counters/perf_events.h"
#include "counters/rdpmc.h"

namespace cyclebench::counters {

const bool kSupported = true;

namespace {

#if defined(CYCLEBENCH_ARCH_X86_64)
constexpr bool kRdpmcArch = true;
inline uint64_t Rdpmc(uint32_t counter) {
  uint32_t lo, hi;
  asm volatile("rdpmc" : "=a"(lo), "=d"(hi) : "c"(counter));
  return (uint64_t(hi) << 32) | lo;
}
#else
constexpr bool kRdpmcArch = false;  // arm64 user access to PMU counters is not wired up here
inline uint64_t Rdpmc(uint32_t) { return 0; }
#endif

long PerfEventOpen(perf_event_attr* attr, pid_t pid, int cpu, int groupFd, unsigned long flags) {
  return syscall(__NR_perf_event_open, attr, pid, cpu, groupFd, flags);
}

perf_event_attr MakeAttr(const EventSpec& spec, bool leader, const OpenOptions& options) {
  perf_event_attr attr;
  std::memset(&attr, 0, sizeof(attr));
  attr.size = sizeof(attr);
  switch (spec.type) {
    case EventType::kHardware: attr.type = PERF_TYPE_HARDWARE; break;
    case EventType::kHardwareCache: attr.type = PERF_TYPE_HW_CACHE; break;
    case EventType::kSoftware: attr.type = PERF_TYPE_SOFTWARE; break;
  }
  attr.config = spec.config;
  attr.read_format =
      PERF_FORMAT_GROUP | PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING | PERF_FORMAT_ID;
  attr.disabled = leader ? 1 : 0;  // members follow their leader; the group is enabled as a whole
  attr.exclude_kernel = options.includeKernel ? 0 : 1;
  attr.exclude_hv = options.includeKernel ? 0 : 1;
  attr.inherit = 0;  // this thread only: the timing loop runs here, and workers open their own sets
  return attr;
}

struct Group {
  EventKind kind;
  std::vector<int> fds;          // leader first, in the order the kernel reports values
  std::vector<size_t> slotOf;    // value slot for position i of the read() answer
  std::vector<size_t> slotByFd;  // value slot of fds[k] (the rdpmc path reads pages in fd order)
  std::vector<void*> pages;      // mmap'd perf_event_mmap_page per fd (hardware groups), or empty
  std::vector<uint64_t> readBuf;
  size_t enabledSlot = 0, runningSlot = 0;
  bool rdpmc = false;
};

class LinuxCounterSet final : public CounterSet {
 public:
  LinuxCounterSet(const std::vector<const EventSpec*>& specs, const OpenOptions& options);
  ~LinuxCounterSet() override { Close(); }

  const std::vector<EventSlot>& Events() const override { return events_; }
  const std::vector<GroupInfo>& Groups() const override { return groupInfo_; }
  size_t Length() const override { return length_; }
  bool Read(double* out, std::string* error) override;
  uint64_t RdpmcReads() const override { return rdpmcReads_; }
  uint64_t SyscallReads() const override { return syscallReads_; }
  void Close() override;
  bool closed() const override { return closed_; }

 private:
  bool ReadGroupSyscall(Group& g, double* out, std::string* error);
  bool ReadGroupRdpmc(Group& g, double* out);
  void Finish(const OpenOptions& options);

  std::vector<EventSlot> events_;
  std::vector<int> errnos_;
  std::vector<Group> groups_;
  std::vector<GroupInfo> groupInfo_;
  size_t length_ = 0;
  uint64_t rdpmcReads_ = 0, syscallReads_ = 0;
  bool closed_ = false;
};

std::string ErrnoName(int err) {
  switch (err) {
    case ENOENT: return "ENOENT";
    case EACCES: return "EACCES";
    case EPERM: return "EPERM";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    case ENODEV: return "ENODEV";
    case EINVAL: return "EINVAL";
    case EMFILE: return "EMFILE";
    case ENFILE: return "ENFILE";
    case ENOSYS: return "ENOSYS";
    case EBUSY: return "EBUSY";
    case E2BIG: return "E2BIG";
    default: return "errno " + std::to_string(err);
  }
}

std::string Reason(int err, const EventSpec& spec, bool anyHardwareOpened, const OpenOptions& options) {
  const std::string call = " (perf_event_open: " + ErrnoName(err) + ")";
  switch (err) {
    case ENOENT:
      if (spec.kind == EventKind::kHardware && !anyHardwareOpened) return "no hardware PMU" + call;
      return "this kernel/PMU has no generic '" + std::string(spec.name) + "' event" + call;
    case EACCES:
    case EPERM: {
      const int paranoid = PerfEventParanoid();
      std::string p = paranoid == INT_MIN ? std::string("kernel.perf_event_paranoid could not be read")
                                          : "kernel.perf_event_paranoid is " + std::to_string(paranoid);
      return "not permitted" + call + "; " + p + ": counting " +
             (options.includeKernel ? "kernel space needs <= 1" : "user space needs <= 2") +
             " (or CAP_PERFMON); in a container, seccomp may block perf_event_open";
    }
    case EOPNOTSUPP: return "the PMU cannot count this event with the requested options (e.g. exclude_kernel)" + call;
    case ENODEV: return "this CPU does not support the event" + call;
    case EINVAL: return "the kernel rejected the event's attributes" + call;
    case EMFILE:
    case ENFILE: return "out of file descriptors" + call;
    case ENOSYS: return "the kernel was built without perf_event support" + call;
    case EBUSY: return "the PMU is in exclusive use by another process" + call;
    default: return std::string(std::strerror(err)) + call;
  }
}

LinuxCounterSet::LinuxCounterSet(const std::vector<const EventSpec*>& specs, const OpenOptions& options) {
  events_.reserve(specs.size());
  errnos_.assign(specs.size(), 0);
  for (const EventSpec* s : specs) {
    EventSlot e;
    e.spec = s;
    events_.push_back(e);
  }
  // Hardware first, then software, each kind in its own groups: a software event can join a hardware
  // group, but with no PMU there is no hardware leader, so software events always get their own group.
  for (EventKind kind : {EventKind::kHardware, EventKind::kSoftware}) {
    int current = -1;  // index into groups_ of the group being filled
    for (size_t i = 0; i < events_.size(); ++i) {
      const EventSpec& spec = *events_[i].spec;
      if (spec.kind != kind) continue;
      int fd = -1, err = 0;
      if (current >= 0) {
        perf_event_attr attr = MakeAttr(spec, false, options);
        fd = int(PerfEventOpen(&attr, 0, -1, groups_[current].fds[0], PERF_FLAG_FD_CLOEXEC));
        err = fd < 0 ? errno : 0;
        // The group cannot take one more member (PMU out of counters): the event may still open alone.
        if (fd < 0 && (err == EINVAL || err == ENOSPC)) {
          perf_event_attr alone = MakeAttr(spec, true, options);
          fd = int(PerfEventOpen(&alone, 0, -1, -1, PERF_FLAG_FD_CLOEXEC));
          if (fd >= 0)
            current = -1;  // becomes the leader of a new group below
          else
            err = errno;
        }
      } else {
        perf_event_attr attr = MakeAttr(spec, true, options);
        fd = int(PerfEventOpen(&attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC));
        err = fd < 0 ? errno : 0;
      }
      if (fd < 0) {
        errnos_[i] = err;
        continue;
      }
      if (current < 0) {
        Group g;
        g.kind = kind;
        groups_.push_back(g);
        current = int(groups_.size()) - 1;
      }
      groups_[current].fds.push_back(fd);
      events_[i].group = current;
      events_[i].available = true;
    }
  }
  Finish(options);
}

void LinuxCounterSet::Finish(const OpenOptions& options) {
  bool anyHardware = false;
  for (const EventSlot& e : events_) anyHardware |= e.available && e.spec->kind == EventKind::kHardware;
  for (size_t i = 0; i < events_.size(); ++i)
    if (!events_[i].available) events_[i].reason = Reason(errnos_[i], *events_[i].spec, anyHardware, options);

  // Slots: per group [enabled, running, values in event order].
  size_t next = 0;
  for (size_t gi = 0; gi < groups_.size(); ++gi) {
    Group& g = groups_[gi];
    g.enabledSlot = next++;
    g.runningSlot = next++;
    // The event order within the group is the order fds were added; map kernel ids to our events.
    std::vector<uint64_t> ids(g.fds.size(), 0);
    for (size_t k = 0; k < g.fds.size(); ++k) ioctl(g.fds[k], PERF_EVENT_IOC_ID, &ids[k]);
    std::vector<size_t> slotById(g.fds.size());
    size_t k = 0;
    for (EventSlot& e : events_) {
      if (e.group != int(gi)) continue;
      e.enabledSlot = g.enabledSlot;
      e.runningSlot = g.runningSlot;
      e.valueSlot = next++;
      slotById[k++] = e.valueSlot;
    }
    g.readBuf.assign(3 + 2 * g.fds.size(), 0);
    ioctl(g.fds[0], PERF_EVENT_IOC_RESET, PERF_IOC_FLAG_GROUP);
    ioctl(g.fds[0], PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP);
    // One read to learn the kernel's value order (leader, then siblings as added), matched by id.
    g.slotOf = slotById;
    g.slotByFd = slotById;
    ssize_t want = ssize_t(g.readBuf.size() * sizeof(uint64_t));
    if (read(g.fds[0], g.readBuf.data(), size_t(want)) == want && g.readBuf[0] == g.fds.size()) {
      for (size_t pos = 0; pos < g.fds.size(); ++pos) {
        const uint64_t id = g.readBuf[3 + 2 * pos + 1];
        for (size_t q = 0; q < ids.size(); ++q)
          if (ids[q] == id) g.slotOf[pos] = slotById[q];
      }
    }
    // The user-space path: every member's page must allow rdpmc and user time.
    if (g.kind == EventKind::kHardware && options.allowRdpmc && kRdpmcArch) {
      const long pageSize = sysconf(_SC_PAGESIZE);
      bool ok = true;
      for (int fd : g.fds) {
        void* p = mmap(nullptr, size_t(pageSize), PROT_READ, MAP_SHARED, fd, 0);
        if (p == MAP_FAILED) {
          ok = false;
          break;
        }
        g.pages.push_back(p);
        auto* pc = static_cast<const perf_event_mmap_page*>(p);
        ok = ok && pc->cap_user_rdpmc && pc->cap_user_time;
      }
      g.rdpmc = ok;
    }
    groupInfo_.push_back(GroupInfo{g.kind, g.enabledSlot, g.runningSlot, g.fds.size(), g.rdpmc});
  }
  length_ = next;
}

bool LinuxCounterSet::ReadGroupSyscall(Group& g, double* out, std::string* error) {
  const size_t want = g.readBuf.size() * sizeof(uint64_t);
  const ssize_t got = read(g.fds[0], g.readBuf.data(), want);
  ++syscallReads_;
  if (got != ssize_t(want) || g.readBuf[0] != g.fds.size()) {
    *error = got < 0 ? std::string("read() of a perf_event group failed: ") + std::strerror(errno)
                     : "read() of a perf_event group returned " + std::to_string(got) + " bytes, expected " +
                           std::to_string(want);
    return false;
  }
  out[g.enabledSlot] = double(g.readBuf[1]);
  out[g.runningSlot] = double(g.readBuf[2]);
  for (size_t pos = 0; pos < g.fds.size(); ++pos) out[g.slotOf[pos]] = double(g.readBuf[3 + 2 * pos]);
  return true;
}

bool LinuxCounterSet::ReadGroupRdpmc(Group& g, double* out) {
  // Values land in the preallocated buffer first so a fallback does not leave a half-written sample.
  uint64_t* vals = g.readBuf.data() + 3;
  PageReading lead;
  for (size_t k = 0; k < g.pages.size(); ++k) {
    auto* pc = static_cast<const volatile perf_event_mmap_page*>(g.pages[k]);
    // The page extrapolates its times from the TSC: the clock's read (lfence; rdtsc) serves.
    PageReading r = ReadMmapPage(pc, Rdpmc, clock::ReadCycles);
    if (!r.valid) return false;
    if (k == 0) lead = r;
    vals[k] = r.count;
  }
  ++rdpmcReads_;
  out[g.enabledSlot] = double(lead.enabled);
  out[g.runningSlot] = double(lead.running);
  for (size_t k = 0; k < g.pages.size(); ++k) out[g.slotByFd[k]] = double(vals[k]);
  return true;
}

bool LinuxCounterSet::Read(double* out, std::string* error) {
  if (closed_) {
    *error = "the counter set is closed";
    return false;
  }
  for (Group& g : groups_) {
    if (g.rdpmc && ReadGroupRdpmc(g, out)) continue;
    if (!ReadGroupSyscall(g, out, error)) return false;
  }
  return true;
}

void LinuxCounterSet::Close() {
  if (closed_) return;
  closed_ = true;
  const long pageSize = sysconf(_SC_PAGESIZE);
  for (Group& g : groups_) {
    for (void* p : g.pages) munmap(p, size_t(pageSize));
    g.pages.clear();
    // Members before the leader.
    for (size_t k = g.fds.size(); k-- > 0;) close(g.fds[k]);
    g.fds.clear();
  }
}

}  // namespace

int PerfEventParanoid() {
  std::ifstream f("/proc/sys/kernel/perf_event_paranoid");
  int v;
  if (f >> v) return v;
  return INT_MIN;
}

std::unique_ptr<CounterSet> OpenCounterSet(const std::vector<const EventSpec*>& events, const OpenOptions& options) {
  return std::unique_ptr<CounterSet>(new LinuxCounterSet(events, options));
}

}  // namespace cyclebench::counters

#endif  // CYCLEBENCH_OS_LINUX
