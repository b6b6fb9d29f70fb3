// Measures the cycle counter's frequency against CLOCK_MONOTONIC_RAW.
#pragma once
#include <vector>

namespace cyclebench::clock {

struct Calibration {
  double hz = 0;                 // median over windows
  double relUncertainty = 0;     // max of window spread and read-bracketing error, relative
  std::vector<double> windowHz;  // one estimate per window
};

Calibration Calibrate(double windowMs, int windows);

}  // namespace cyclebench::clock
