// Kernels for cold measurements: a blocking kernel that holds the stream until the host releases it
// (so the measured launches queue up behind it and launch latency is hidden), and an L2 flush.

__device__ __forceinline__ unsigned long long cb_globaltimer_b() {
  unsigned long long t;
  asm volatile("mov.u64 %0, %%globaltimer;" : "=l"(t));
  return t;
}

// Waits until flag[0] (host-mapped memory) becomes non-zero, or `timeout_ns` passed; on time-out
// sets flag[1] = 1 so the host can tell that the measured work was not queued behind the block
// (it synchronised, or the host was too slow).
extern "C" __global__ void cb_block_until(volatile int* flag, unsigned long long timeout_ns) {
  if (threadIdx.x != 0 || blockIdx.x != 0) return;
  unsigned long long start = cb_globaltimer_b();
  while (flag[0] == 0) {
    if (cb_globaltimer_b() - start > timeout_ns) {
      flag[1] = 1;
      break;
    }
    __nanosleep(1000);
  }
}

// Writes every 16-byte word of a buffer at least as large as the L2 cache, evicting its lines.
// (cuMemsetD8Async is the default flush; this kernel is the fallback and a reference.)
extern "C" __global__ void cb_l2_flush(uint4* buf, unsigned long long words) {
  unsigned long long stride = (unsigned long long)gridDim.x * blockDim.x;
  for (unsigned long long i = blockIdx.x * (unsigned long long)blockDim.x + threadIdx.x; i < words; i += stride)
    buf[i] = make_uint4(i, 0, 0, 0);
}
