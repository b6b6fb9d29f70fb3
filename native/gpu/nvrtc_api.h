// NVRTC (run-time compilation of CUDA C++ to PTX/cubin) opened with dlopen. NVRTC needs no driver and
// no GPU, so compiling works on any machine that has libnvrtc.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace cyclebench::gpu {

using nvrtcResult = int;
using nvrtcProgram = struct _nvrtcProgram*;

struct NvrtcApi {
  bool ok = false;
  std::string reason;
  std::string path;
  int major = 0, minor = 0;

  nvrtcResult (*nvrtcVersion)(int*, int*) = nullptr;
  const char* (*nvrtcGetErrorString)(nvrtcResult) = nullptr;
  nvrtcResult (*nvrtcCreateProgram)(nvrtcProgram*, const char*, const char*, int, const char* const*,
                                    const char* const*) = nullptr;
  nvrtcResult (*nvrtcDestroyProgram)(nvrtcProgram*) = nullptr;
  nvrtcResult (*nvrtcCompileProgram)(nvrtcProgram, int, const char* const*) = nullptr;
  nvrtcResult (*nvrtcGetPTXSize)(nvrtcProgram, size_t*) = nullptr;
  nvrtcResult (*nvrtcGetPTX)(nvrtcProgram, char*) = nullptr;
  nvrtcResult (*nvrtcGetCUBINSize)(nvrtcProgram, size_t*) = nullptr;  // optional (CUDA 11.1+)
  nvrtcResult (*nvrtcGetCUBIN)(nvrtcProgram, char*) = nullptr;        // optional
  nvrtcResult (*nvrtcGetProgramLogSize)(nvrtcProgram, size_t*) = nullptr;
  nvrtcResult (*nvrtcGetProgramLog)(nvrtcProgram, char*) = nullptr;
  nvrtcResult (*nvrtcAddNameExpression)(nvrtcProgram, const char*) = nullptr;
  nvrtcResult (*nvrtcGetLoweredName)(nvrtcProgram, const char*, const char**) = nullptr;
};

// Opens $CYCLEBENCH_LIBNVRTC, libnvrtc.so.13, .12, the unversioned name, then /usr/local/cuda/lib64.
const NvrtcApi& Nvrtc();

// nvrtcGetErrorString's text for a result code (for CB_CHECK).
std::string ErrorText(const NvrtcApi& api, nvrtcResult r);

// The outcome of one compilation.
struct NvrtcOutput {
  bool ok = false;
  std::string log;    // compiler log (warnings, or the errors when !ok)
  std::string error;  // nvrtcResult text when !ok
  std::string ptx;
  std::vector<char> cubin;  // filled when an sm_XX (not compute_XX) architecture was given
  std::vector<std::pair<std::string, std::string>> lowered;  // name expression -> mangled name
};

// Compiles `source`; throws GpuError(kUnavailable) when NVRTC is absent. A compile error is not
// thrown here: ok is false and log says why.
NvrtcOutput NvrtcCompile(const std::string& source, const std::string& name, const std::vector<std::string>& options,
                         const std::vector<std::string>& name_expressions);

}  // namespace cyclebench::gpu
