// Fills the NVRTC table once per process and compiles programs; see nvrtc_api.h.
#include "gpu/nvrtc_api.h"

#include <mutex>

#include "gpu/check.h"
#include "gpu/dynlib.h"

namespace cyclebench::gpu {
namespace {

void Load(NvrtcApi& api) {
  DynLib lib =
      OpenFirst("CYCLEBENCH_LIBNVRTC", {"libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so",
                                        "/usr/local/cuda/lib64/libnvrtc.so.13", "/usr/local/cuda/lib64/libnvrtc.so"});
  if (!lib.handle) {
    api.reason = "libnvrtc not found: install the CUDA toolkit's NVRTC (dlopen: " + lib.reason + ")";
    return;
  }
  api.path = lib.path;
  std::vector<std::string> missing, optional;
  Bind(lib, api.nvrtcVersion, "nvrtcVersion", missing);
  Bind(lib, api.nvrtcGetErrorString, "nvrtcGetErrorString", missing);
  Bind(lib, api.nvrtcCreateProgram, "nvrtcCreateProgram", missing);
  Bind(lib, api.nvrtcDestroyProgram, "nvrtcDestroyProgram", missing);
  Bind(lib, api.nvrtcCompileProgram, "nvrtcCompileProgram", missing);
  Bind(lib, api.nvrtcGetPTXSize, "nvrtcGetPTXSize", missing);
  Bind(lib, api.nvrtcGetPTX, "nvrtcGetPTX", missing);
  Bind(lib, api.nvrtcGetProgramLogSize, "nvrtcGetProgramLogSize", missing);
  Bind(lib, api.nvrtcGetProgramLog, "nvrtcGetProgramLog", missing);
  Bind(lib, api.nvrtcAddNameExpression, "nvrtcAddNameExpression", missing);
  Bind(lib, api.nvrtcGetLoweredName, "nvrtcGetLoweredName", missing);
  Bind(lib, api.nvrtcGetCUBINSize, "nvrtcGetCUBINSize", optional);
  Bind(lib, api.nvrtcGetCUBIN, "nvrtcGetCUBIN", optional);
  if (!missing.empty()) {
    api.reason = lib.path + " lacks " + JoinNames(missing);
    return;
  }
  api.nvrtcVersion(&api.major, &api.minor);
  api.ok = true;
}

// Destroys the program on every path out of NvrtcCompile.
struct ProgramGuard {
  const NvrtcApi& api;
  nvrtcProgram prog = nullptr;
  ~ProgramGuard() {
    if (prog) api.nvrtcDestroyProgram(&prog);
  }
};

}  // namespace

const NvrtcApi& Nvrtc() {
  static NvrtcApi api;
  static std::once_flag once;
  std::call_once(once, [] { Load(api); });
  return api;
}

std::string ErrorText(const NvrtcApi& api, nvrtcResult r) { return api.nvrtcGetErrorString(r); }

NvrtcOutput NvrtcCompile(const std::string& source, const std::string& name, const std::vector<std::string>& options,
                         const std::vector<std::string>& name_expressions) {
  const NvrtcApi& api = Nvrtc();
  if (!api.ok) throw GpuError(GpuErrorKind::kUnavailable, "NVRTC is unavailable: " + api.reason);
  ProgramGuard guard{api};
  CB_CHECK(api, nvrtcCreateProgram(&guard.prog, source.c_str(), name.c_str(), 0, nullptr, nullptr));
  for (const std::string& e : name_expressions) CB_CHECK(api, nvrtcAddNameExpression(guard.prog, e.c_str()));
  std::vector<const char*> opts;
  for (const std::string& o : options) opts.push_back(o.c_str());
  NvrtcOutput out;
  nvrtcResult compiled = api.nvrtcCompileProgram(guard.prog, int(opts.size()), opts.data());
  size_t log_size = 0;
  if (api.nvrtcGetProgramLogSize(guard.prog, &log_size) == 0 && log_size > 1) {
    out.log.resize(log_size);
    api.nvrtcGetProgramLog(guard.prog, out.log.data());
    out.log.resize(log_size - 1);  // drop the terminating NUL
  }
  if (compiled != 0) {
    out.error = ErrorText(api, compiled);
    return out;
  }
  size_t ptx_size = 0;
  if (api.nvrtcGetPTXSize(guard.prog, &ptx_size) == 0 && ptx_size > 1) {
    out.ptx.resize(ptx_size);
    CB_CHECK(api, nvrtcGetPTX(guard.prog, out.ptx.data()));
    out.ptx.resize(ptx_size - 1);
  }
  size_t cubin_size = 0;
  if (api.nvrtcGetCUBINSize && api.nvrtcGetCUBINSize(guard.prog, &cubin_size) == 0 && cubin_size > 0) {
    out.cubin.resize(cubin_size);
    CB_CHECK(api, nvrtcGetCUBIN(guard.prog, out.cubin.data()));
  }
  for (const std::string& e : name_expressions) {
    const char* lowered = nullptr;
    CB_CHECK(api, nvrtcGetLoweredName(guard.prog, e.c_str(), &lowered));
    out.lowered.emplace_back(e, lowered ? lowered : "");
  }
  out.ok = true;
  return out;
}

}  // namespace cyclebench::gpu
