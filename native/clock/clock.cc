// Clock exports. Hot reads use the plain Node-API C interface (no C++ wrapper per call) and return
// ticks since a process-wide base as a double, exact for 2^53 ticks (~40 days at 2.6 GHz).
#include <node_api.h>

#include <algorithm>
#include <vector>

#include "clock/calibrate.h"
#include "clock/cycleclock.h"
#include "clock/sysinfo.h"
#include "common.h"

namespace cyclebench {
namespace {

uint64_t Base() {
  static const uint64_t base = clock::ReadCycles();
  return base;
}
uint64_t MonotonicBase() {
  static const uint64_t base = clock::MonotonicNs();
  return base;
}

// Per-environment state (one per main thread or worker): the Float64Array slot that nowInto writes.
// The addon owns it and exports it as `clockSlot`, so every JavaScript copy of the engine in this
// environment reads the one slot the native side writes (a slot bound from JavaScript could be
// rebound by a second copy, leaving the first reading a stale value).
struct ClockState {
  napi_ref slotRef = nullptr;
  double* slot = nullptr;
};

napi_value Double(napi_env env, double v) {
  napi_value out;
  napi_create_double(env, v, &out);
  return out;
}

napi_value Now(napi_env env, napi_callback_info) { return Double(env, double(clock::ReadCycles() - Base())); }
napi_value NowRdtscp(napi_env env, napi_callback_info) {
  return Double(env, double(clock::ReadCyclesRdtscp() - Base()));
}
napi_value NowFenced(napi_env env, napi_callback_info) {
  return Double(env, double(clock::ReadCyclesFenced() - Base()));
}
napi_value NowMonotonic(napi_env env, napi_callback_info) {
  return Double(env, double(clock::MonotonicNs() - MonotonicBase()));
}
// Writes the reading into the bound Float64Array's first element; returns undefined (no allocation).
napi_value NowInto(napi_env env, napi_callback_info info) {
  void* data;
  napi_get_cb_info(env, info, nullptr, nullptr, nullptr, &data);
  double* slot = static_cast<ClockState*>(data)->slot;
  if (slot) *slot = double(clock::ReadCycles() - Base());
  return nullptr;
}

Napi::Value Info(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  clock::CounterInfo c = clock::QueryCounterInfo();
  Napi::Object o = Napi::Object::New(env);
  o.Set("kind", clock::kCycleClockName);
  o.Set("cycleCounter", clock::kCycleClockSupported);
  o.Set("vendor", c.vendor);
  o.Set("hypervisor", c.hypervisor);
  if (c.invariantKnown) o.Set("invariant", c.invariant);
  o.Set("rdtscp", c.rdtscp);
  if (c.reportedHz > 0) o.Set("reportedHz", c.reportedHz);
  o.Set("reportedSource", c.reportedSource);
  return o;
}

Napi::Value CalibrateJs(const Napi::CallbackInfo& info) {
  double windowMs = NumberArg(info, 0, "calibrate");
  int windows = int(NumberArg(info, 1, "calibrate"));
  if (!(windowMs > 0) || windowMs > 10000 || windows < 1 || windows > 1000)
    Fail(info.Env(), code::kBadArgument, "calibrate: windowMs must be in (0, 10000] and windows in [1, 1000]");
  clock::Calibration cal = clock::Calibrate(windowMs, windows);
  Napi::Env env = info.Env();
  Napi::Object o = Napi::Object::New(env);
  o.Set("hz", cal.hz);
  o.Set("relUncertainty", cal.relUncertainty);
  Napi::Float64Array w = Napi::Float64Array::New(env, cal.windowHz.size());
  std::copy(cal.windowHz.begin(), cal.windowHz.end(), w.Data());
  o.Set("windowHz", w);
  return o;
}

// Busy-waits until at least n ticks have passed; returns the ticks that actually passed.
Napi::Value SpinTicks(const Napi::CallbackInfo& info) {
  double n = NumberArg(info, 0, "spinTicks");
  if (!(n >= 0) || n > 1e13) Fail(info.Env(), code::kBadArgument, "spinTicks: n must be in [0, 1e13]");
  uint64_t target = uint64_t(n);
  uint64_t start = clock::ReadCycles(), now = start;
  while (now - start < target) {
    clock::CpuRelax();
    now = clock::ReadCycles();
  }
  return Napi::Number::New(info.Env(), double(now - start));
}

// n deltas between back-to-back reads inside C++, for resolution and native read cost.
Napi::Value ReadDeltas(const Napi::CallbackInfo& info) {
  size_t n = size_t(NumberArg(info, 0, "readDeltas"));
  bool rdtscp = info.Length() > 1 && info[1].ToBoolean();
  if (n < 1 || n > 10000000) Fail(info.Env(), code::kBadArgument, "readDeltas: n must be in [1, 1e7]");
  Napi::Float64Array out = Napi::Float64Array::New(info.Env(), n);
  double* d = out.Data();
  uint64_t prev = rdtscp ? clock::ReadCyclesRdtscp() : clock::ReadCycles();
  for (size_t i = 0; i < n; ++i) {
    uint64_t t = rdtscp ? clock::ReadCyclesRdtscp() : clock::ReadCycles();
    d[i] = double(t - prev);
    prev = t;
  }
  return out;
}

void AddRaw(napi_env env, napi_value exports, const char* name, napi_callback cb, void* data) {
  napi_value fn;
  napi_create_function(env, name, NAPI_AUTO_LENGTH, cb, data, &fn);
  napi_set_named_property(env, exports, name, fn);
}

}  // namespace

void InitClock(Napi::Env env, Napi::Object exports) {
  auto* state = new ClockState();
  Napi::Float64Array slot = Napi::Float64Array::New(env, 1);
  napi_create_reference(env, slot, 1, &state->slotRef);
  state->slot = slot.Data();
  napi_add_env_cleanup_hook(
      env,
      [](void* p) {
        auto* s = static_cast<ClockState*>(p);
        s->slot = nullptr;  // the environment is going; its heap (and the reference) goes with it
        delete s;
      },
      state);
  exports.Set("clockSlot", slot);
  Base();
  MonotonicBase();
  AddRaw(env, exports, "now", Now, nullptr);
  AddRaw(env, exports, "nowRdtscp", NowRdtscp, nullptr);
  AddRaw(env, exports, "nowFenced", NowFenced, nullptr);
  AddRaw(env, exports, "nowMonotonic", NowMonotonic, nullptr);
  AddRaw(env, exports, "nowInto", NowInto, state);
  exports.Set("clockInfo", Napi::Function::New(env, Info, "clockInfo"));
  exports.Set("calibrate", Napi::Function::New(env, CalibrateJs, "calibrate"));
  exports.Set("spinTicks", Napi::Function::New(env, SpinTicks, "spinTicks"));
  exports.Set("readDeltas", Napi::Function::New(env, ReadDeltas, "readDeltas"));
}

}  // namespace cyclebench
