// Test hooks: touchPages (a known number of fresh page faults, from native code so no allocator or
// GC pre-faults them) and readMmapPage (the rdpmc seqlock protocol on a fake page with fake readers,
// so the arithmetic is tested on machines without a PMU).
#include "counters/test_hooks.h"

#include <sys/mman.h>  // POSIX: platform.h stops the build on other systems
#include <unistd.h>

#include <cstdint>
#include <string>

#include "common.h"
#include "counters/rdpmc.h"

namespace cyclebench::counters {
namespace {

// Same field names as perf_event_mmap_page, so ReadMmapPage runs the real protocol on it.
struct FakePage {
  uint32_t lock = 0;
  uint32_t index = 0;
  int64_t offset = 0;
  uint64_t time_enabled = 0;
  uint64_t time_running = 0;
  bool cap_user_rdpmc = false;
  bool cap_user_time = false;
  uint16_t pmc_width = 0;
  uint16_t time_shift = 0;
  uint32_t time_mult = 0;
  uint64_t time_offset = 0;
};

uint64_t U64(Napi::Object o, const char* key) {
  Napi::Value v = o.Get(key);
  if (v.IsBigInt()) {
    bool lossless;
    return v.As<Napi::BigInt>().Uint64Value(&lossless);
  }
  if (v.IsNumber()) return uint64_t(int64_t(v.As<Napi::Number>().DoubleValue()));
  if (v.IsBoolean()) return v.As<Napi::Boolean>().Value() ? 1 : 0;
  return 0;
}

Napi::Value ReadFakePage(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsObject())
    Fail(env, code::kBadArgument, "readMmapPage: argument must be an object");
  Napi::Object o = info[0].As<Napi::Object>();
  FakePage page;
  page.lock = uint32_t(U64(o, "lock"));
  page.index = uint32_t(U64(o, "index"));
  page.offset = int64_t(U64(o, "offset"));
  page.time_enabled = U64(o, "timeEnabled");
  page.time_running = U64(o, "timeRunning");
  page.cap_user_rdpmc = U64(o, "capUserRdpmc") != 0;
  page.cap_user_time = U64(o, "capUserTime") != 0;
  page.pmc_width = uint16_t(U64(o, "pmcWidth"));
  page.time_shift = uint16_t(U64(o, "timeShift"));
  page.time_mult = uint32_t(U64(o, "timeMult"));
  page.time_offset = U64(o, "timeOffset");
  const uint64_t pmcRaw = U64(o, "pmcRaw"), tsc = U64(o, "tsc");
  uint32_t askedCounter = UINT32_MAX;
  PageReading r = ReadMmapPage(
      &page,
      [&](uint32_t c) {
        askedCounter = c;
        return pmcRaw;
      },
      [&] { return tsc; });
  Napi::Object out = Napi::Object::New(env);
  out.Set("valid", r.valid);
  out.Set("count", Napi::BigInt::New(env, int64_t(r.count)));
  out.Set("enabled", Napi::BigInt::New(env, r.enabled));
  out.Set("running", Napi::BigInt::New(env, r.running));
  if (askedCounter != UINT32_MAX) out.Set("counter", double(askedCounter));
  return out;
}

Napi::Value SignExtend(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsBigInt())
    Fail(env, code::kBadArgument, "signExtend: (raw: bigint, width: number)");
  bool lossless;
  uint64_t raw = info[0].As<Napi::BigInt>().Uint64Value(&lossless);
  uint32_t width = uint32_t(NumberArg(info, 1, "signExtend"));
  return Napi::BigInt::New(env, SignExtendPmc(raw, width));
}

Napi::Value TouchPages(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  double n = NumberArg(info, 0, "touchPages");
  if (!(n >= 0) || n > 1 << 20) Fail(env, code::kBadArgument, "touchPages: n must be in [0, 2^20]");
  const size_t page = size_t(sysconf(_SC_PAGESIZE));
  const size_t count = size_t(n);
  if (count == 0) return Napi::Number::New(env, 0);
  void* p = mmap(nullptr, count * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) Fail(env, code::kSystem, "touchPages: mmap failed");
#ifdef MADV_NOHUGEPAGE
  madvise(p, count * page, MADV_NOHUGEPAGE);  // one fault per base page, even where THP is "always"
#endif
  volatile char* c = static_cast<volatile char*>(p);
  for (size_t i = 0; i < count; ++i) c[i * page] = 1;
  munmap(p, count * page);
  return Napi::Number::New(env, double(count));
}

}  // namespace

Napi::Object TestHooks(Napi::Env env) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("touchPages", Napi::Function::New(env, TouchPages, "touchPages"));
  o.Set("readMmapPage", Napi::Function::New(env, ReadFakePage, "readMmapPage"));
  o.Set("signExtend", Napi::Function::New(env, SignExtend, "signExtend"));
  return o;
}

}  // namespace cyclebench::counters
