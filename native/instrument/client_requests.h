// Callgrind client requests behind a small interface. The requests are magic instruction sequences
// that do nothing on a real CPU; under valgrind they switch instrumentation and collection, zero and
// dump counts. kSupported is false where valgrind.h has no client-request sequence for the target
// (valgrind.h then defines NVALGRIND and every request is a no-op anyway).
#pragma once

namespace cyclebench {
namespace instrument {

extern const bool kSupported;

// Number of valgrind layers the process runs under (0 natively).
unsigned RunningOnValgrind();

// Zeroes the counts, starts full instrumentation and switches collection on.
void BeginMeasurement();

// Switches collection off, dumps the counts under `label` (callgrind writes callgrind.out.<pid>.<n>
// with "desc: Trigger: Client Request: <label>") and stops instrumentation.
void EndMeasurement(const char* label);

}  // namespace instrument
}  // namespace cyclebench
