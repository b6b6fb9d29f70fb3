#include "clock/sysinfo.h"

#include <cstring>

#include "platform.h"
#if defined(CYCLEBENCH_ARCH_X86_64)
#include <cpuid.h>
#endif

namespace cyclebench::clock {

#if defined(CYCLEBENCH_ARCH_X86_64)
namespace {
struct Regs {
  unsigned a = 0, b = 0, c = 0, d = 0;
};
Regs Cpuid(unsigned leaf, unsigned sub = 0) {
  Regs r;
  __cpuid_count(leaf, sub, r.a, r.b, r.c, r.d);
  return r;
}
}  // namespace

CounterInfo QueryCounterInfo() {
  CounterInfo info;
  Regs v = Cpuid(0);
  char vendor[13] = {0};
  std::memcpy(vendor, &v.b, 4);
  std::memcpy(vendor + 4, &v.d, 4);
  std::memcpy(vendor + 8, &v.c, 4);
  info.vendor = vendor;
  unsigned maxLeaf = v.a;
  info.hypervisor = (Cpuid(1).c >> 31) & 1;

  unsigned maxExt = Cpuid(0x80000000).a;
  if (maxExt >= 0x80000007) {
    info.invariant = (Cpuid(0x80000007).d >> 8) & 1;
    info.invariantKnown = true;
  }
  if (maxExt >= 0x80000001) info.rdtscp = (Cpuid(0x80000001).d >> 27) & 1;

  // Leaf 0x15: TSC = crystal * EBX / EAX. Leaf 0x16: base MHz (nominal, an approximation).
  info.reportedSource = "CPUID leaves 0x15/0x16 report no frequency";
  if (maxLeaf >= 0x15) {
    Regs r = Cpuid(0x15);
    if (r.a != 0 && r.b != 0 && r.c != 0) {
      info.reportedHz = double(r.c) * r.b / r.a;
      info.reportedSource = "cpuid 0x15";
      return info;
    }
  }
  if (maxLeaf >= 0x16) {
    Regs r = Cpuid(0x16);
    if ((r.a & 0xffff) != 0) {
      info.reportedHz = double(r.a & 0xffff) * 1e6;
      info.reportedSource = "cpuid 0x16 (base frequency)";
      return info;
    }
  }
  // Several hypervisors publish the TSC rate in kHz at leaf 0x40000010.
  if (info.hypervisor && Cpuid(0x40000000).a >= 0x40000010) {
    Regs r = Cpuid(0x40000010);
    if (r.a != 0) {
      info.reportedHz = double(r.a) * 1e3;
      info.reportedSource = "hypervisor cpuid 0x40000010";
    }
  }
  return info;
}
#elif defined(CYCLEBENCH_ARCH_ARM64)
CounterInfo QueryCounterInfo() {
  CounterInfo info;
  info.vendor = "arm64";
  uint64_t freq;
  asm volatile("mrs %0, cntfrq_el0" : "=r"(freq));
  info.reportedHz = double(freq);
  info.reportedSource = "cntfrq_el0";
  info.invariant = true;  // the generic timer runs at a fixed frequency by architecture
  info.invariantKnown = true;
  return info;
}
#else
CounterInfo QueryCounterInfo() {
  CounterInfo info;
  info.vendor = "unknown";
  info.reportedHz = 1e9;
  info.reportedSource = "monotonic clock counts nanoseconds";
  info.invariant = true;
  info.invariantKnown = true;
  return info;
}
#endif

}  // namespace cyclebench::clock
