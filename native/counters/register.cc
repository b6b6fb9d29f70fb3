// Exports of native/counters: the event table, openCounters (a counter-set object whose read() is a
// plain Node-API callback writing into a bound Float64Array) and the test hooks.
//
// State lives in a Holder per counter set, shared by the set's object and its functions (each holds a
// reference, the last finaliser frees it), so nothing is global and workers each get their own.
#include <node_api.h>

#include <climits>
#include <memory>
#include <string>
#include <vector>

#include "common.h"
#include "counters/event_table.h"
#include "counters/perf_events.h"
#include "counters/test_hooks.h"

namespace cyclebench {
namespace {

using counters::CounterSet;
using counters::EventSpec;

struct Holder {
  std::unique_ptr<CounterSet> set;
  napi_ref bufRef = nullptr;
  double* buf = nullptr;
  size_t bufLen = 0;
  int refs = 0;  // JS values (object + functions) that point here
  std::string error;
};

void Release(napi_env env, void* data, void*) {
  auto* h = static_cast<Holder*>(data);
  if (--h->refs > 0) return;
  if (h->bufRef) napi_delete_reference(env, h->bufRef);
  delete h;  // closes the descriptors
}

Holder* HolderOf(napi_env env, napi_callback_info info, size_t* argc, napi_value* argv) {
  void* data = nullptr;
  napi_get_cb_info(env, info, argc, argv, nullptr, &data);
  return static_cast<Holder*>(data);
}

// The hot path: one call, no arguments, no allocation; every group read into the bound buffer.
napi_value Read(napi_env env, napi_callback_info info) {
  Holder* h = HolderOf(env, info, nullptr, nullptr);
  if (!h->buf) return ThrowPending(env, code::kState, "counters.read: no buffer bound (call bind(buf) first)");
  if (!h->set->Read(h->buf, &h->error))
    return ThrowPending(env, code::kCountersUnavailable, "counters.read: " + h->error);
  return nullptr;
}

napi_value Bind(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value arg;
  Holder* h = HolderOf(env, info, &argc, &arg);
  bool isTyped = false;
  if (argc >= 1) napi_is_typedarray(env, arg, &isTyped);
  napi_typedarray_type type;
  size_t length = 0;
  void* data = nullptr;
  if (isTyped) napi_get_typedarray_info(env, arg, &type, &length, &data, nullptr, nullptr);
  if (!isTyped || type != napi_float64_array)
    return ThrowPending(env, code::kBadArgument, "counters.bind: argument must be a Float64Array");
  if (length < h->set->Length())
    return ThrowPending(env, code::kBadArgument,
                        "counters.bind: the Float64Array holds " + std::to_string(length) +
                            " elements, the set needs " + std::to_string(h->set->Length()));
  if (h->bufRef) napi_delete_reference(env, h->bufRef);
  napi_create_reference(env, arg, 1, &h->bufRef);
  h->buf = static_cast<double*>(data);
  h->bufLen = length;
  return nullptr;
}

napi_value CloseSet(napi_env env, napi_callback_info info) {
  Holder* h = HolderOf(env, info, nullptr, nullptr);
  h->set->Close();
  return nullptr;
}

napi_value Stats(napi_env env, napi_callback_info info) {
  Holder* h = HolderOf(env, info, nullptr, nullptr);
  Napi::Object o = Napi::Object::New(env);
  o.Set("rdpmcReads", double(h->set->RdpmcReads()));
  o.Set("syscallReads", double(h->set->SyscallReads()));
  o.Set("closed", h->set->closed());
  return o;
}

void AddMethod(napi_env env, napi_value obj, const char* name, napi_callback cb, Holder* h) {
  napi_value fn;
  napi_create_function(env, name, NAPI_AUTO_LENGTH, cb, h, &fn);
  napi_add_finalizer(env, fn, h, Release, nullptr, nullptr);
  ++h->refs;
  napi_set_named_property(env, obj, name, fn);
}

Napi::Object EventInfo(Napi::Env env, const EventSpec& spec) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("name", spec.name);
  o.Set("kind", counters::KindName(spec.kind));
  o.Set("description", spec.describe);
  return o;
}

Napi::Value ListEvents(const Napi::CallbackInfo& info) {
  size_t n;
  const EventSpec* table = counters::EventTable(&n);
  Napi::Array a = Napi::Array::New(info.Env(), n);
  for (size_t i = 0; i < n; ++i) a.Set(uint32_t(i), EventInfo(info.Env(), table[i]));
  return a;
}

Napi::Value Paranoid(const Napi::CallbackInfo& info) {
  int p = counters::PerfEventParanoid();
  if (p == INT_MIN) return info.Env().Null();
  return Napi::Number::New(info.Env(), p);
}

// openCounters(names: string[], options?: { includeKernel?: boolean, rdpmc?: boolean })
Napi::Value Open(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsArray())
    Fail(env, code::kBadArgument, "openCounters: argument 0 must be an array of event names");
  Napi::Array names = info[0].As<Napi::Array>();
  std::vector<const EventSpec*> specs;
  for (uint32_t i = 0; i < names.Length(); ++i) {
    Napi::Value v = names.Get(i);
    if (!v.IsString()) Fail(env, code::kBadArgument, "openCounters: event names must be strings");
    std::string name = v.As<Napi::String>().Utf8Value();
    const EventSpec* spec = counters::FindEvent(name);
    if (!spec) Fail(env, code::kBadArgument, "openCounters: unknown event '" + name + "' (see counterEvents())");
    for (const EventSpec* s : specs)
      if (s == spec) Fail(env, code::kBadArgument, "openCounters: event '" + name + "' is listed twice");
    specs.push_back(spec);
  }
  counters::OpenOptions options;
  if (info.Length() > 1 && info[1].IsObject()) {
    Napi::Object o = info[1].As<Napi::Object>();
    if (o.Has("includeKernel")) options.includeKernel = o.Get("includeKernel").ToBoolean();
    if (o.Has("rdpmc")) options.allowRdpmc = o.Get("rdpmc").ToBoolean();
  }
  auto* h = new Holder();
  h->set = counters::OpenCounterSet(specs, options);

  Napi::Object obj = Napi::Object::New(env);
  napi_add_finalizer(env, obj, h, Release, nullptr, nullptr);
  ++h->refs;
  const auto& events = h->set->Events();
  Napi::Array ev = Napi::Array::New(env, events.size());
  for (size_t i = 0; i < events.size(); ++i) {
    const counters::EventSlot& e = events[i];
    Napi::Object o = EventInfo(env, *e.spec);
    o.Set("available", e.available);
    if (e.available) {
      o.Set("group", e.group);
      o.Set("valueSlot", double(e.valueSlot));
      o.Set("enabledSlot", double(e.enabledSlot));
      o.Set("runningSlot", double(e.runningSlot));
    } else {
      o.Set("reason", e.reason);
    }
    ev.Set(uint32_t(i), o);
  }
  obj.Set("events", ev);
  const auto& groups = h->set->Groups();
  Napi::Array gr = Napi::Array::New(env, groups.size());
  for (size_t i = 0; i < groups.size(); ++i) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("kind", counters::KindName(groups[i].kind));
    o.Set("members", double(groups[i].members));
    o.Set("rdpmc", groups[i].rdpmc);
    o.Set("enabledSlot", double(groups[i].enabledSlot));
    o.Set("runningSlot", double(groups[i].runningSlot));
    gr.Set(uint32_t(i), o);
  }
  obj.Set("groups", gr);
  obj.Set("length", double(h->set->Length()));
  AddMethod(env, obj, "read", Read, h);
  AddMethod(env, obj, "bind", Bind, h);
  AddMethod(env, obj, "close", CloseSet, h);
  AddMethod(env, obj, "stats", Stats, h);
  return obj;
}

}  // namespace

void InitCounters(Napi::Env env, Napi::Object exports) {
  exports.Set("countersSupported", Napi::Boolean::New(env, counters::kSupported));
  exports.Set("counterEvents", Napi::Function::New(env, ListEvents, "counterEvents"));
  exports.Set("perfEventParanoid", Napi::Function::New(env, Paranoid, "perfEventParanoid"));
  exports.Set("openCounters", Napi::Function::New(env, Open, "openCounters"));
  exports.Set("countersTestHooks", counters::TestHooks(env));
}

}  // namespace cyclebench
