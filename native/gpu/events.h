// RAII CUDA events and the event timer (nvbench's cuda_timer): two reusable events recorded around
// the work a caller enqueues on a stream, so the engine takes many samples without allocating.
#pragma once
#include <memory>

#include "gpu/state.h"

namespace cyclebench::gpu {

// An owned CUevent; destroyed with its environment's context still alive.
class Event {
 public:
  Event(std::shared_ptr<bool> alive, unsigned flags = kEventDefault);
  ~Event();
  Event(const Event&) = delete;
  Event& operator=(const Event&) = delete;
  CUevent get() const { return event_; }

 private:
  std::shared_ptr<bool> alive_;
  CUevent event_ = nullptr;
};

// Times the work between Start() and Stop() on one stream of one device.
class EventTimer {
 public:
  EventTimer(GpuEnv& env, int ordinal, CUstream stream);
  void Start();
  void Stop();
  // Waits for the stop event and returns the GPU time between the two events in ns.
  double ElapsedNs();
  CUstream stream() const { return stream_; }
  int ordinal() const { return ordinal_; }

 private:
  void MakeCurrent();
  std::shared_ptr<bool> alive_;
  CUcontext ctx_;
  int ordinal_;
  CUstream stream_;
  Event start_, stop_;
  bool started_ = false, stopped_ = false;
};

}  // namespace cyclebench::gpu
