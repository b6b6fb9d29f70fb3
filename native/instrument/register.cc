// Exports of native/instrument: callgrind measurement windows and the known-count loop.
//
// callgrindBegin/callgrindEnd are plain Node-API callbacks: between the collection toggle in begin
// and the one in end, only the return from begin, the caller's JS and the entry into end run, with no
// call that the dynamic linker might still have to resolve (lazy PLT binding would otherwise land in
// the first window). Per-environment state (is a window open? dry run?) travels as function data, so
// a worker has its own and a second begin without an end is an error instead of an inverted toggle.
#include <node_api.h>

#include <string>

#include "common.h"
#include "instrument/client_requests.h"
#include "instrument/known_loop.h"

namespace cyclebench {
namespace {

struct InstrumentState {
  bool open = false;
  // Dry windows run the same callbacks without client requests, to warm every path (JS inline
  // caches, the addon's PLT entries) before the first real window.
  bool dry = false;
  std::string label;
};

napi_value Begin(napi_env env, napi_callback_info info) {
  void* data;
  napi_get_cb_info(env, info, nullptr, nullptr, nullptr, &data);
  auto* s = static_cast<InstrumentState*>(data);
  if (s->open)
    return ThrowPending(env, code::kState,
                        "callgrindBegin: a measurement window is already open (call callgrindEnd first)");
  s->open = true;
  instrument::BeginMeasurement(!s->dry);
  return nullptr;  // undefined, without another call after collection started
}

napi_value End(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value arg;
  void* data;
  napi_get_cb_info(env, info, &argc, &arg, nullptr, &data);
  auto* s = static_cast<InstrumentState*>(data);
  if (!s->open) return ThrowPending(env, code::kState, "callgrindEnd: no measurement window is open");
  instrument::StopCollection(!s->dry);
  s->open = false;
  napi_valuetype type = napi_undefined;
  if (argc >= 1) napi_typeof(env, arg, &type);
  size_t length = 0;
  if (type == napi_string) napi_get_value_string_utf8(env, arg, nullptr, 0, &length);
  if (type != napi_string || length == 0) {
    instrument::DumpAndStop("cyclebench:unlabelled", !s->dry);
    return ThrowPending(env, code::kBadArgument, "callgrindEnd: argument 0 must be the (non-empty) label string");
  }
  s->label.resize(length + 1);
  napi_get_value_string_utf8(env, arg, &s->label[0], length + 1, &length);
  s->label.resize(length);
  instrument::DumpAndStop(s->label.c_str(), !s->dry);
  return nullptr;
}

Napi::Value SetDry(const Napi::CallbackInfo& info) {
  auto* s = static_cast<InstrumentState*>(info.Data());
  if (s->open) Fail(info.Env(), code::kState, "callgrindDry: not while a window is open");
  s->dry = info.Length() > 0 && info[0].ToBoolean();
  return info.Env().Undefined();
}

Napi::Value Running(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), instrument::RunningOnValgrind());
}

napi_value KnownLoopJs(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value arg;
  napi_get_cb_info(env, info, &argc, &arg, nullptr, nullptr);
  double n = -1;
  if (argc < 1 || napi_get_value_double(env, arg, &n) != napi_ok || !(n >= 0) || n > 1e12)
    return ThrowPending(env, code::kBadArgument, "knownLoop: n must be a number in [0, 1e12]");
  napi_value out;
  napi_create_double(env, double(instrument::KnownLoop(uint64_t(n))), &out);
  return out;
}

void AddRaw(napi_env env, Napi::Object exports, const char* name, napi_callback cb, void* data) {
  napi_value fn;
  napi_create_function(env, name, NAPI_AUTO_LENGTH, cb, data, &fn);
  exports.Set(name, Napi::Value(env, fn));
}

}  // namespace

void InitInstrument(Napi::Env env, Napi::Object exports) {
  auto* state = new InstrumentState();
  napi_add_env_cleanup_hook(
      env, [](void* p) { delete static_cast<InstrumentState*>(p); }, state);
  exports.Set("callgrindSupported", Napi::Boolean::New(env, instrument::kSupported));
  exports.Set("runningOnValgrind", Napi::Function::New(env, Running, "runningOnValgrind"));
  AddRaw(env, exports, "callgrindBegin", Begin, state);
  AddRaw(env, exports, "callgrindEnd", End, state);
  exports.Set("callgrindDry", Napi::Function::New(env, SetDry, "callgrindDry", state));
  AddRaw(env, exports, "knownLoop", KnownLoopJs, nullptr);
  exports.Set("knownLoopInstructionsPerIteration",
              Napi::Number::New(env, instrument::kKnownLoopInstructionsPerIteration));
}

}  // namespace cyclebench
