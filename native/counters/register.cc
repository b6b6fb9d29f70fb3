// Placeholder registration for native/counters; replaced when that concern is implemented.
#include "common.h"

namespace cyclebench {
void InitCounters(Napi::Env, Napi::Object) {}
}  // namespace cyclebench
