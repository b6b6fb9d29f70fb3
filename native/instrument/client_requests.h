// Callgrind client requests behind a small interface. The requests are magic instruction sequences
// that do nothing on a real CPU; under valgrind they switch instrumentation and collection, zero and
// dump counts. kSupported is false where valgrind.h has no client-request sequence for the target
// (valgrind.h then defines NVALGRIND and every request is a no-op anyway).
#pragma once

namespace cyclebench::instrument {

extern const bool kSupported;

// Number of valgrind layers the process runs under (0 natively).
unsigned RunningOnValgrind();

// Each function takes `live`: false runs the same call path without the requests (a dry window), so
// the first real window finds every call already bound by the dynamic linker.

// Zeroes the counts, starts full instrumentation and switches collection on.
void BeginMeasurement(bool live);

// Switches collection off. Called first thing in the end callback, so that the label's conversion
// and everything after is not counted.
void StopCollection(bool live);

// Dumps the counts under `label` (callgrind writes callgrind.out.<pid>.<n> with
// "desc: Trigger: Client Request: <label>") and stops instrumentation.
void DumpAndStop(const char* label, bool live);

}  // namespace cyclebench::instrument
