// Placeholder registration for native/instrument; replaced when that concern is implemented.
#include "common.h"

namespace cyclebench {
void InitInstrument(Napi::Env, Napi::Object) {}
}  // namespace cyclebench
