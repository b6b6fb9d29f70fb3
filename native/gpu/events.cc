// Event timers; see events.h. JS gets a plain object whose methods share one EventTimer, freed when
// the last of them is collected.
#include "gpu/events.h"

namespace cyclebench::gpu {

Event::Event(std::shared_ptr<bool> alive, unsigned flags) : alive_(std::move(alive)) {
  CB_CHECK(RequireCuda(), cuEventCreate(&event_, flags));
}

Event::~Event() {
  if (event_ && *alive_) Cuda().cuEventDestroy_v2(event_);
}

EventTimer::EventTimer(GpuEnv& env, int ordinal, CUstream stream)
    : alive_(env.alive),
      ctx_(env.Use(ordinal).ctx),
      ordinal_(ordinal),
      stream_(stream),
      start_(env.alive),
      stop_(env.alive) {}

void EventTimer::MakeCurrent() {
  if (!*alive_) throw GpuError(GpuErrorKind::kGpu, "the event timer outlived its environment");
  CB_CHECK(RequireCuda(), cuCtxSetCurrent(ctx_));
}

void EventTimer::Start() {
  MakeCurrent();
  CB_CHECK(RequireCuda(), cuEventRecord(start_.get(), stream_));
  started_ = true;
  stopped_ = false;
}

void EventTimer::Stop() {
  if (!started_) throw GpuError(GpuErrorKind::kGpu, "timer.stop() before timer.start()");
  MakeCurrent();
  CB_CHECK(RequireCuda(), cuEventRecord(stop_.get(), stream_));
  stopped_ = true;
}

double EventTimer::ElapsedNs() {
  if (!stopped_) throw GpuError(GpuErrorKind::kGpu, "timer.elapsedNs() before timer.stop()");
  MakeCurrent();
  CB_CHECK(RequireCuda(), cuEventSynchronize(stop_.get()));
  float ms = 0;
  CB_CHECK(RequireCuda(), cuEventElapsedTime(&ms, start_.get(), stop_.get()));
  return double(ms) * 1e6;
}

namespace {

using TimerFn = Napi::Value (*)(const Napi::CallbackInfo&, EventTimer&);

void Method(Napi::Object target, const char* name, std::shared_ptr<EventTimer> timer, TimerFn fn) {
  Napi::Env env = target.Env();
  target.Set(name, Napi::Function::New(
                       env,
                       [timer, fn](const Napi::CallbackInfo& info) {
                         return Guarded(info.Env(), [&] { return fn(info, *timer); });
                       },
                       name));
}

// timerCreate(device, stream) -> { start(), stop(), elapsedNs(), stream, device }
Napi::Value TimerCreate(const Napi::CallbackInfo& info, GpuEnv& env) {
  int ordinal = int(IntArg(info, 0, "timerCreate", 0, 1 << 20));
  CUstream stream = PointerArg<CUstream_st>(info, 1, "timerCreate");
  auto timer = std::make_shared<EventTimer>(env, ordinal, stream);
  Napi::Object o = Napi::Object::New(info.Env());
  Method(o, "start", timer, [](const Napi::CallbackInfo& i, EventTimer& t) -> Napi::Value {
    t.Start();
    return i.Env().Undefined();
  });
  Method(o, "stop", timer, [](const Napi::CallbackInfo& i, EventTimer& t) -> Napi::Value {
    t.Stop();
    return i.Env().Undefined();
  });
  Method(o, "elapsedNs", timer, [](const Napi::CallbackInfo& i, EventTimer& t) -> Napi::Value {
    return Napi::Number::New(i.Env(), t.ElapsedNs());
  });
  o.Set("device", ordinal);
  o.Set("stream", Handle(info.Env(), stream));
  return o;
}

// streamCreate(device) -> handle: a non-blocking stream owned by this environment.
Napi::Value StreamCreate(const Napi::CallbackInfo& info, GpuEnv& env) {
  int ordinal = int(IntArg(info, 0, "streamCreate", 0, 1 << 20));
  env.Use(ordinal);
  CUstream s = nullptr;
  CB_CHECK(RequireCuda(), cuStreamCreate(&s, kStreamNonBlocking));
  env.streams[s] = ordinal;
  return Handle(info.Env(), s);
}

Napi::Value StreamDestroy(const Napi::CallbackInfo& info, GpuEnv& env) {
  CUstream s = PointerArg<CUstream_st>(info, 0, "streamDestroy");
  auto it = env.streams.find(s);
  if (it == env.streams.end())
    throw GpuError(GpuErrorKind::kGpu, "streamDestroy: not a stream created by streamCreate");
  env.Use(it->second);
  CB_CHECK(RequireCuda(), cuStreamDestroy_v2(s));
  env.streams.erase(it);
  return info.Env().Undefined();
}

// synchronize(device, stream?): waits for the stream (or, without one, the whole context).
Napi::Value Synchronize(const Napi::CallbackInfo& info, GpuEnv& env) {
  int ordinal = int(IntArg(info, 0, "synchronize", 0, 1 << 20));
  env.Use(ordinal);
  if (info.Length() > 1 && !info[1].IsUndefined()) {
    CB_CHECK(RequireCuda(), cuStreamSynchronize(PointerArg<CUstream_st>(info, 1, "synchronize")));
  } else {
    CB_CHECK(RequireCuda(), cuCtxSynchronize());
  }
  return info.Env().Undefined();
}

}  // namespace

void RegisterEvents(Napi::Env env, Napi::Object gpu, GpuEnv* state) {
  Export(env, gpu, "timerCreate", state, TimerCreate);
  Export(env, gpu, "streamCreate", state, StreamCreate);
  Export(env, gpu, "streamDestroy", state, StreamDestroy);
  Export(env, gpu, "synchronize", state, Synchronize);
}

}  // namespace cyclebench::gpu
