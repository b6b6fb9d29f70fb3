// Cheap, ordered reads of the CPU's cycle counter, with a monotonic-clock fallback.
// x86-64: TSC; arm64: CNTVCT_EL0; elsewhere CLOCK_MONOTONIC_RAW in nanoseconds.
#pragma once
#include <cstdint>
#include <ctime>

#include "platform.h"
#if defined(CYCLEBENCH_ARCH_X86_64)
#include <x86intrin.h>
#endif

namespace cyclebench::clock {

inline uint64_t MonotonicNs() {
  timespec ts;
#ifdef CLOCK_MONOTONIC_RAW
  clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
#else
  clock_gettime(CLOCK_MONOTONIC, &ts);
#endif
  return uint64_t(ts.tv_sec) * 1000000000ull + uint64_t(ts.tv_nsec);
}

#if defined(CYCLEBENCH_ARCH_X86_64)
constexpr const char* kCycleClockName = "tsc";
constexpr bool kCycleClockSupported = true;
// lfence; rdtsc: every earlier instruction has completed before the counter is read. No trailing
// fence: what follows a read is the return through Node-API (hundreds of instructions) before any
// timed code, and the empty-loop subtraction removes the constant rest. Chosen by
// bench/clock-overhead.ts: the trailing lfence cost ~15-25 ns per read here (docs/design.md).
inline uint64_t ReadCycles() {
  _mm_lfence();
  return __rdtsc();
}
// lfence; rdtsc; lfence: also keeps later instructions from starting before the read.
inline uint64_t ReadCyclesFenced() {
  _mm_lfence();
  uint64_t t = __rdtsc();
  _mm_lfence();
  return t;
}
// rdtscp waits for earlier instructions; the trailing lfence keeps later ones behind it.
inline uint64_t ReadCyclesRdtscp() {
  unsigned aux;
  uint64_t t = __rdtscp(&aux);
  _mm_lfence();
  return t;
}
#elif defined(CYCLEBENCH_ARCH_ARM64)
constexpr const char* kCycleClockName = "cntvct";
constexpr bool kCycleClockSupported = true;
inline uint64_t ReadCycles() {
  uint64_t t;
  asm volatile("isb; mrs %0, cntvct_el0; isb" : "=r"(t)::"memory");
  return t;
}
inline uint64_t ReadCyclesRdtscp() { return ReadCycles(); }
inline uint64_t ReadCyclesFenced() { return ReadCycles(); }
#else
constexpr const char* kCycleClockName = "monotonic";
constexpr bool kCycleClockSupported = false;
inline uint64_t ReadCycles() { return MonotonicNs(); }
inline uint64_t ReadCyclesRdtscp() { return MonotonicNs(); }
inline uint64_t ReadCyclesFenced() { return MonotonicNs(); }
#endif

inline void CpuRelax() {
#if defined(CYCLEBENCH_ARCH_X86_64)
  _mm_pause();
#elif defined(CYCLEBENCH_ARCH_ARM64)
  asm volatile("yield" ::: "memory");
#endif
}

}  // namespace cyclebench::clock
