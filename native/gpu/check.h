// GpuError and the one checked-call macro for every library the GPU code opens at run time (driver,
// NVRTC, NVML, CUPTI). No Node-API here: the *_api.h headers include this and are also compiled
// alone by test/gpu/native/abi_check.cc; GpuError becomes a JS Error at the export boundary (state.cc).
#pragma once
#include <stdexcept>
#include <string>

namespace cyclebench::gpu {

// What the JS side turns into CycleBenchError codes: E_CUDA_UNAVAILABLE or E_GPU.
enum class GpuErrorKind { kUnavailable, kGpu };

// A failed GPU operation; converted to a JS Error (with `code`) at the Node-API boundary.
class GpuError : public std::runtime_error {
 public:
  GpuError(GpuErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  GpuErrorKind kind() const { return kind_; }

 private:
  GpuErrorKind kind_;
};

// Throws GpuError(kGpu): "<call> failed: <the library's text for result> [file:line]". Each table has
// an ErrorText(table, result) overload beside it (cuda_api.h, nvrtc_api.h, nvml_api.h, cupti_api.h).
template <typename Api>
[[noreturn]] void ThrowCall(const Api& api, int result, const char* call, const char* file, int line) {
  std::string where = file;
  where = where.substr(where.find_last_of('/') + 1);  // npos + 1 == 0: the whole name
  throw GpuError(GpuErrorKind::kGpu, std::string(call) + " failed: " + ErrorText(api, result) + " [" + where + ":" +
                                         std::to_string(line) + "]");
}

}  // namespace cyclebench::gpu

// Checked call (nvbench's NVBENCH_CUDA_CALL): `CB_CHECK(RequireCuda(), cuEventRecord(e, s));` calls
// through the table and throws GpuError naming the call unless it returns 0, which is success in all
// four libraries.
#define CB_CHECK(api, call)                                                                            \
  do {                                                                                                 \
    const auto& cb_api_ = (api);                                                                       \
    const int cb_result_ = cb_api_.call;                                                               \
    if (cb_result_ != 0) ::cyclebench::gpu::ThrowCall(cb_api_, cb_result_, #call, __FILE__, __LINE__); \
  } while (0)
