// Kernels from JS: NVRTC compilation, loading PTX/cubin images, function lookup and launches with a
// packed argument buffer (one 8-byte slot per argument, filled by src/gpu/args.ts).
#include <vector>

#include "gpu/nvrtc_api.h"
#include "gpu/state.h"

namespace cyclebench::gpu {
namespace {

std::vector<std::string> StringList(const Napi::CallbackInfo& info, size_t i, const char* fn) {
  std::vector<std::string> out;
  if (info.Length() <= i || info[i].IsUndefined()) return out;
  if (!info[i].IsArray())
    throw GpuError(GpuErrorKind::kGpu,
                   std::string(fn) + ": argument " + std::to_string(i) + " must be an array of strings");
  Napi::Array a = info[i].As<Napi::Array>();
  for (uint32_t k = 0; k < a.Length(); ++k) {
    Napi::Value v = a.Get(k);
    if (!v.IsString())
      throw GpuError(GpuErrorKind::kGpu, std::string(fn) + ": option " + std::to_string(k) + " is not a string");
    out.push_back(v.As<Napi::String>().Utf8Value());
  }
  return out;
}

// compile(source, name, options?, nameExpressions?) -> { ptx, cubin?, log, lowered }
// A compile error throws E_GPU with the compiler log in the message and in `log`.
Napi::Value Compile(const Napi::CallbackInfo& info, GpuEnv&) {
  std::string source = StringArg(info, 0, "compile");
  std::string name = StringArg(info, 1, "compile");
  NvrtcOutput out = NvrtcCompile(source, name, StringList(info, 2, "compile"), StringList(info, 3, "compile"));
  Napi::Env env = info.Env();
  if (!out.ok) {
    Napi::Error err =
        NativeError(env, code::kGpu, "NVRTC could not compile " + name + " (" + out.error + "):\n" + out.log, "gpu");
    err.Set("log", out.log);
    throw err;
  }
  Napi::Object o = Napi::Object::New(env);
  o.Set("ptx", out.ptx);
  if (!out.cubin.empty()) {
    Napi::Uint8Array cubin = Napi::Uint8Array::New(env, out.cubin.size());
    std::copy(out.cubin.begin(), out.cubin.end(), cubin.Data());
    o.Set("cubin", cubin);
  }
  o.Set("log", out.log);
  Napi::Object lowered = Napi::Object::New(env);
  for (const auto& [expr, mangled] : out.lowered) lowered.Set(expr, mangled);
  o.Set("lowered", lowered);
  return o;
}

// moduleLoad(device, image) -> module. image: PTX text (string) or a cubin/fatbin (Uint8Array).
Napi::Value ModuleLoad(const Napi::CallbackInfo& info, GpuEnv& env) {
  int dev = int(IntArg(info, 0, "moduleLoad", 0, 1 << 20));
  env.Use(dev);
  CUmodule m = nullptr;
  std::string text;
  std::vector<uint8_t> bytes;
  const void* image = nullptr;
  if (info.Length() > 1 && info[1].IsString()) {
    text = info[1].As<Napi::String>().Utf8Value();
    image = text.c_str();
  } else if (info.Length() > 1 && info[1].IsTypedArray()) {
    auto a = info[1].As<Napi::TypedArray>();
    const uint8_t* p = static_cast<const uint8_t*>(a.ArrayBuffer().Data()) + a.ByteOffset();
    bytes.assign(p, p + a.ByteLength());  // a copy: the driver wants aligned, stable bytes
    bytes.push_back(0);
    image = bytes.data();
  } else {
    throw GpuError(GpuErrorKind::kGpu, "moduleLoad: the image must be PTX text or a Uint8Array (cubin/fatbin)");
  }
  CB_CHECK(RequireCuda(), cuModuleLoadDataEx(&m, image, 0, nullptr, nullptr));
  env.modules[m] = dev;
  return Handle(info.Env(), m);
}

Napi::Value ModuleUnload(const Napi::CallbackInfo& info, GpuEnv& env) {
  CUmodule m = PointerArg<CUmod_st>(info, 0, "moduleUnload");
  auto it = env.modules.find(m);
  if (it == env.modules.end())
    throw GpuError(GpuErrorKind::kGpu, "moduleUnload: not a module from moduleLoad (or already unloaded)");
  env.Use(it->second);
  CB_CHECK(RequireCuda(), cuModuleUnload(m));
  env.modules.erase(it);
  return info.Env().Undefined();
}

// moduleFunction(module, name) -> function
Napi::Value ModuleFunction(const Napi::CallbackInfo& info, GpuEnv& env) {
  CUmodule m = PointerArg<CUmod_st>(info, 0, "moduleFunction");
  std::string name = StringArg(info, 1, "moduleFunction");
  auto it = env.modules.find(m);
  if (it == env.modules.end()) throw GpuError(GpuErrorKind::kGpu, "moduleFunction: not a module from moduleLoad");
  env.Use(it->second);
  CUfunction f = nullptr;
  const CudaApi& cu = RequireCuda();
  CUresult r = cu.cuModuleGetFunction(&f, m, name.c_str());
  if (r != kCudaSuccess)
    throw GpuError(GpuErrorKind::kGpu, "no kernel named '" + name + "' in the module (" + ErrorText(cu, r) +
                                           "); C++ kernels need extern \"C\" or a lowered name");
  return Handle(info.Env(), f);
}

// launch(device, function, gx, gy, gz, bx, by, bz, sharedBytes, stream, args, count?)
// args: a Uint8Array of 8-byte slots, one per kernel parameter. Launches `count` times in a row.
Napi::Value Launch(const Napi::CallbackInfo& info, GpuEnv& env) {
  int dev = int(IntArg(info, 0, "launch", 0, 1 << 20));
  CUfunction f = PointerArg<CUfunc_st>(info, 1, "launch");
  unsigned dims[6];
  for (int k = 0; k < 6; ++k) dims[k] = unsigned(IntArg(info, 2 + k, "launch", 1, 0x7fffffff));
  unsigned shared = unsigned(IntArg(info, 8, "launch", 0, 1 << 30));
  CUstream s = PointerArg<CUstream_st>(info, 9, "launch");
  if (info.Length() <= 10 || !info[10].IsTypedArray())
    throw GpuError(GpuErrorKind::kGpu, "launch: argument 10 must be the packed argument Uint8Array");
  auto a = info[10].As<Napi::TypedArray>();
  if (a.ByteLength() % 8) throw GpuError(GpuErrorKind::kGpu, "launch: the argument buffer must hold 8-byte slots");
  int64_t count = info.Length() > 11 && !info[11].IsUndefined() ? IntArg(info, 11, "launch", 1, 1 << 24) : 1;
  uint8_t* base = static_cast<uint8_t*>(a.ArrayBuffer().Data()) + a.ByteOffset();
  std::vector<void*> params(a.ByteLength() / 8);
  for (size_t k = 0; k < params.size(); ++k) params[k] = base + 8 * k;
  env.Use(dev);
  for (int64_t k = 0; k < count; ++k)
    CB_CHECK(RequireCuda(), cuLaunchKernel(f, dims[0], dims[1], dims[2], dims[3], dims[4], dims[5], shared, s,
                                           params.empty() ? nullptr : params.data(), nullptr));
  return info.Env().Undefined();
}

}  // namespace

void RegisterModules(Napi::Env env, Napi::Object gpu, GpuEnv* state) {
  Export(env, gpu, "compile", state, Compile);
  Export(env, gpu, "moduleLoad", state, ModuleLoad);
  Export(env, gpu, "moduleUnload", state, ModuleUnload);
  Export(env, gpu, "moduleFunction", state, ModuleFunction);
  Export(env, gpu, "launch", state, Launch);
}

}  // namespace cyclebench::gpu
