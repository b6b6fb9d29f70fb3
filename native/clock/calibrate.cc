#include "clock/calibrate.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "clock/cycleclock.h"

namespace cyclebench::clock {
namespace {

// A monotonic reading paired with the counter value at the same instant: the counter is read on
// both sides of clock_gettime and the tightest of several tries is kept.
struct Pair {
  double ns, ticks, bracketTicks;
};

Pair TightPair() {
  Pair best{0, 0, 1e300};
  for (int i = 0; i < 16; ++i) {
    uint64_t t0 = ReadCycles();
    uint64_t ns = MonotonicNs();
    uint64_t t1 = ReadCycles();
    double width = double(t1 - t0);
    if (width < best.bracketTicks) best = {double(ns), (double(t0) + double(t1)) / 2, width};
  }
  return best;
}

}  // namespace

Calibration Calibrate(double windowMs, int windows) {
  Calibration out;
  double worstBracket = 0;
  for (int w = 0; w < windows; ++w) {
    Pair a = TightPair();
    while (double(MonotonicNs()) - a.ns < windowMs * 1e6) CpuRelax();
    Pair b = TightPair();
    double dticks = b.ticks - a.ticks;
    out.windowHz.push_back(dticks / (b.ns - a.ns) * 1e9);
    worstBracket = std::max(worstBracket, (a.bracketTicks + b.bracketTicks) / 2 / dticks);
  }
  std::vector<double> sorted = out.windowHz;
  std::sort(sorted.begin(), sorted.end());
  size_t n = sorted.size();
  out.hz = n % 2 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  double spread = (sorted.back() - sorted.front()) / 2 / out.hz;
  out.relUncertainty = std::max(spread, worstBracket);
  return out;
}

}  // namespace cyclebench::clock
