// Registers the addon's exports; each concern lives in its own folder.
#include "common.h"

namespace {
Napi::Object Init(Napi::Env env, Napi::Object exports) {
  cyclebench::InitClock(env, exports);
  cyclebench::InitCounters(env, exports);
  cyclebench::InitInstrument(env, exports);
  cyclebench::InitGpu(env, exports);
  exports.Set("addonVersion", Napi::Number::New(env, 1));
  return exports;
}
}  // namespace

NODE_API_MODULE(cyclebench, Init)
