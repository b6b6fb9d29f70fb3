// Exports of native/instrument: callgrind measurement windows and the known-count loop.
//
// Per-environment state (is a window open?) travels as function data, so a worker has its own and a
// second begin without an end is an error instead of a silently inverted collection toggle.
#include <string>

#include "common.h"
#include "instrument/client_requests.h"
#include "instrument/known_loop.h"

namespace cyclebench {
namespace {

struct InstrumentState {
  bool open = false;
};

Napi::Value Running(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), instrument::RunningOnValgrind());
}

Napi::Value Begin(const Napi::CallbackInfo& info) {
  auto* s = static_cast<InstrumentState*>(info.Data());
  if (s->open) Fail(info.Env(), "callgrindBegin: a measurement window is already open (call callgrindEnd first)");
  s->open = true;
  instrument::BeginMeasurement();
  return info.Env().Undefined();
}

Napi::Value End(const Napi::CallbackInfo& info) {
  auto* s = static_cast<InstrumentState*>(info.Data());
  if (!s->open) Fail(info.Env(), "callgrindEnd: no measurement window is open");
  if (info.Length() < 1 || !info[0].IsString()) {
    // Close the window anyway so collection is not left on.
    instrument::EndMeasurement("cyclebench:unlabelled");
    s->open = false;
    Fail(info.Env(), "callgrindEnd: argument 0 must be the label string");
  }
  std::string label = info[0].As<Napi::String>().Utf8Value();
  s->open = false;
  instrument::EndMeasurement(label.c_str());
  return info.Env().Undefined();
}

Napi::Value KnownLoopJs(const Napi::CallbackInfo& info) {
  double n = NumberArg(info, 0, "knownLoop");
  if (!(n >= 0) || n > 1e12) Fail(info.Env(), "knownLoop: n must be in [0, 1e12]");
  return Napi::Number::New(info.Env(), double(instrument::KnownLoop(uint64_t(n))));
}

}  // namespace

void InitInstrument(Napi::Env env, Napi::Object exports) {
  auto* state = new InstrumentState();
  napi_add_env_cleanup_hook(
      env, [](void* p) { delete static_cast<InstrumentState*>(p); }, state);
  exports.Set("callgrindSupported", Napi::Boolean::New(env, instrument::kSupported));
  exports.Set("runningOnValgrind", Napi::Function::New(env, Running, "runningOnValgrind"));
  exports.Set("callgrindBegin", Napi::Function::New(env, Begin, "callgrindBegin", state));
  exports.Set("callgrindEnd", Napi::Function::New(env, End, "callgrindEnd", state));
  exports.Set("knownLoop", Napi::Function::New(env, KnownLoopJs, "knownLoop"));
  exports.Set("knownLoopInstructionsPerIteration",
              Napi::Number::New(env, instrument::kKnownLoopInstructionsPerIteration));
}

}  // namespace cyclebench
