// The only file that includes the vendored valgrind headers, so their macros stay out of the rest.
#include "instrument/client_requests.h"

#include "instrument/vendor/callgrind.h"

namespace cyclebench::instrument {

#if defined(NVALGRIND)
const bool kSupported = false;
#else
const bool kSupported = true;
#endif

unsigned RunningOnValgrind() { return unsigned(RUNNING_ON_VALGRIND); }

void BeginMeasurement(bool live) {
  if (!live) return;
  // Instrumentation first (it flushes valgrind's translations); then zero whatever an earlier,
  // unlabelled window left; collection last, so the least possible code is counted before the loop.
  CALLGRIND_START_INSTRUMENTATION;
  CALLGRIND_ZERO_STATS;
  CALLGRIND_TOGGLE_COLLECT;
}

void StopCollection(bool live) {
  if (live) CALLGRIND_TOGGLE_COLLECT;
}

void DumpAndStop(const char* label, bool live) {
  if (!live) return;
  CALLGRIND_DUMP_STATS_AT(label);
  CALLGRIND_STOP_INSTRUMENTATION;
}

}  // namespace cyclebench::instrument
