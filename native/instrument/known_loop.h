// A loop whose instruction count is known exactly, to check instruction-count measurements.
#pragma once
#include <cstdint>

namespace cyclebench::instrument {

// Instructions retired per iteration of KnownLoop, or 0 where the loop is plain C++ (no exact claim).
extern const unsigned kKnownLoopInstructionsPerIteration;

// Runs n iterations; returns a value that depends on every iteration so nothing is elided.
uint64_t KnownLoop(uint64_t n);

}  // namespace cyclebench::instrument
