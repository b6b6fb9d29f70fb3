// The one error convention of the addon: every native function that fails throws a JS Error whose
// message says where ("cyclebench native: ..." or, for the gpu object, "cyclebench gpu: ...") and
// whose `code` is one of the stable strings below, so callers branch on the code, not on the text.
#pragma once
#include <napi.h>

#include <string>

// The codes, listed for TypeScript in src/native/binding.ts; the first four are also CycleBenchErrorCodes
// (src/errors.ts), so src/ can pass them on unchanged.
namespace cyclebench::code {
inline constexpr char kBadArgument[] = "E_BAD_ARGUMENT";                  // wrong type, range or name
inline constexpr char kCountersUnavailable[] = "E_COUNTERS_UNAVAILABLE";  // a counter set cannot be read
inline constexpr char kCudaUnavailable[] = "E_CUDA_UNAVAILABLE";          // a GPU library is absent
inline constexpr char kGpu[] = "E_GPU";                                   // a GPU call or argument failed
// Native only: a call out of order (read before bind, a second callgrindBegin).
inline constexpr char kState[] = "E_NATIVE_STATE";
// Native only: an operating-system call failed.
inline constexpr char kSystem[] = "E_NATIVE_SYSTEM";
}  // namespace cyclebench::code

namespace cyclebench {

// The error object: message "cyclebench <area>: <message>", property `code`. Built with the C
// interface, which reports failure by status instead of throwing, so plain callbacks can use it too.
inline Napi::Error NativeError(napi_env env, const char* code, const std::string& message,
                               const char* area = "native") {
  napi_value codeValue, text, error;
  napi_create_string_utf8(env, code, NAPI_AUTO_LENGTH, &codeValue);
  const std::string full = std::string("cyclebench ") + area + ": " + message;
  napi_create_string_utf8(env, full.c_str(), full.size(), &text);
  napi_create_error(env, codeValue, text, &error);
  return Napi::Error(env, error);
}

// In node-addon-api callbacks: throws it as a C++ exception, which the wrapper hands to JS.
[[noreturn]] inline void Fail(napi_env env, const char* code, const std::string& message, const char* area = "native") {
  throw NativeError(env, code, message, area);
}

// In plain Node-API callbacks (no C++ exception may cross into Node): leaves it pending. Returns
// nullptr so a callback can `return ThrowPending(...)`.
inline napi_value ThrowPending(napi_env env, const char* code, const std::string& message) {
  napi_throw(env, NativeError(env, code, message).Value());
  return nullptr;
}

}  // namespace cyclebench
