// Shared helpers for the addon: the module registration signatures and argument reading.
#pragma once
#include <napi.h>

#include <string>

#include "errors.h"

namespace cyclebench {

// Each concern registers its exports through one of these; addon.cc only calls them.
void InitClock(Napi::Env env, Napi::Object exports);
void InitCounters(Napi::Env env, Napi::Object exports);
void InitInstrument(Napi::Env env, Napi::Object exports);
void InitGpu(Napi::Env env, Napi::Object exports);

// Reads argument i as a number, or throws naming the function and the argument.
inline double NumberArg(const Napi::CallbackInfo& info, size_t i, const char* fn) {
  if (info.Length() <= i || !info[i].IsNumber())
    Fail(info.Env(), code::kBadArgument, std::string(fn) + ": argument " + std::to_string(i) + " must be a number");
  return info[i].As<Napi::Number>().DoubleValue();
}

// An { available, reason } object, the shape every optional capability reports.
inline Napi::Object Availability(Napi::Env env, bool available, const std::string& reason) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("available", available);
  if (!available) o.Set("reason", reason);
  return o;
}

}  // namespace cyclebench
