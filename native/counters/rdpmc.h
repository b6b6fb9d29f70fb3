// User-space counter reads through the perf_event mmap page (the `rdpmc` fast path).
//
// The kernel publishes, per event, a page with a seqlock (`lock`), the hardware counter's index
// (`index`, 0 when the event is not on a counter right now), the software-accumulated part of the
// count (`offset`), the counter width (`pmc_width`) and, with `cap_user_time`, what is needed to
// extrapolate time_enabled/time_running from the TSC. The protocol below is the one documented in
// include/uapi/linux/perf_event.h. The arithmetic is pure and templated on the rdpmc/rdtsc readers so
// tests can drive it with a fake page and fake readers on machines without a PMU.
#pragma once

#include <cstdint>

namespace cyclebench::counters {

// Sign-extends a raw counter value of `width` bits (the PMU's counters are narrower than 64 bits and
// the kernel programs them with negative start values).
inline int64_t SignExtendPmc(uint64_t raw, uint32_t width) {
  if (width == 0 || width >= 64) return int64_t(raw);
  const uint32_t shift = 64 - width;
  return int64_t(raw << shift) >> shift;
}

// Nanoseconds since the page's time base for a TSC reading, computed without overflowing 64 bits.
inline uint64_t TscToTimeDelta(uint64_t cyc, uint64_t timeOffset, uint32_t timeMult, uint16_t timeShift) {
  const uint64_t quot = cyc >> timeShift;
  const uint64_t rem = cyc & ((uint64_t(1) << timeShift) - 1);
  return timeOffset + quot * timeMult + ((rem * timeMult) >> timeShift);
}

// What one read of a mmap page gives: valid is false when the event is not on a hardware counter now
// (index 0) or the page does not offer user-space reads; the caller then falls back to read().
struct PageReading {
  bool valid = false;
  uint64_t count = 0;
  uint64_t enabled = 0;
  uint64_t running = 0;
};

inline void CompilerBarrier() { asm volatile("" ::: "memory"); }

// Reads count and times from page `pc` following the kernel's seqlock protocol. `readPmc(index - 1)`
// returns the raw counter; `readTsc()` the TSC. Page is perf_event_mmap_page or a test double with the
// same field names.
template <typename Page, typename ReadPmc, typename ReadTsc>
PageReading ReadMmapPage(const volatile Page* pc, ReadPmc readPmc, ReadTsc readTsc) {
  PageReading r;
  uint32_t seq, index, timeMult = 0;
  uint16_t timeShift = 0;
  uint64_t cyc = 0, timeOffset = 0;
  bool userTime, userRdpmc;
  int64_t pmc;
  int spins = 0;
  do {
    seq = pc->lock;
    CompilerBarrier();
    r.enabled = pc->time_enabled;
    r.running = pc->time_running;
    userTime = pc->cap_user_time;
    userRdpmc = pc->cap_user_rdpmc;
    if (userTime) {
      cyc = readTsc();
      timeOffset = pc->time_offset;
      timeMult = pc->time_mult;
      timeShift = pc->time_shift;
    }
    index = pc->index;
    r.count = pc->offset;
    pmc = 0;
    if (userRdpmc && index) pmc = SignExtendPmc(readPmc(index - 1), pc->pmc_width);
    CompilerBarrier();
    // An odd or changing sequence means the kernel was rewriting the page; retry (bounded, so a
    // broken page cannot hang the timing loop: the caller falls back to read()).
  } while ((pc->lock != seq || (seq & 1)) && ++spins < 1000);
  if (spins >= 1000 || !userRdpmc || !userTime || index == 0) return PageReading{};
  r.count += uint64_t(pmc);
  const uint64_t delta = TscToTimeDelta(cyc, timeOffset, timeMult, timeShift);
  r.enabled += delta;
  r.running += delta;  // index != 0: the event is on a counter now, so it is running
  r.valid = true;
  return r;
}

}  // namespace cyclebench::counters
