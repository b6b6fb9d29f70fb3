// Test hooks for native/counters: pure pieces exercised from vitest where the hardware is missing.
#pragma once
#include <napi.h>

namespace cyclebench::counters {

// { touchPages(n), readMmapPage(fake) }
Napi::Object TestHooks(Napi::Env env);

}  // namespace cyclebench::counters
