// What the CPU says about its counter: frequency from CPUID (or the arm64 register) and invariance.
#pragma once
#include <string>

namespace cyclebench::clock {

struct CounterInfo {
  std::string vendor;      // CPUID vendor string, or "arm64" / "unknown"
  bool invariant = false;  // counter ticks at a constant rate across P/C-states
  bool invariantKnown = false;
  bool rdtscp = false;         // RDTSCP instruction present
  double reportedHz = 0;       // frequency the hardware states; 0 when it states none
  std::string reportedSource;  // where reportedHz came from, or why there is none
  bool hypervisor = false;
};

CounterInfo QueryCounterInfo();

}  // namespace cyclebench::clock
