// Placeholder registration for native/gpu; replaced when that concern is implemented.
#include "common.h"

namespace cyclebench {
void InitGpu(Napi::Env, Napi::Object) {}
}  // namespace cyclebench
