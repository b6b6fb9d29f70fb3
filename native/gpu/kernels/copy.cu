// A memory-bound kernel: a grid-stride copy of 16-byte words, for bandwidth and cold-vs-hot checks.

extern "C" __global__ void cb_copy(const uint4* __restrict__ in, uint4* __restrict__ out, unsigned long long words) {
  unsigned long long stride = (unsigned long long)gridDim.x * blockDim.x;
  for (unsigned long long i = blockIdx.x * (unsigned long long)blockDim.x + threadIdx.x; i < words; i += stride)
    out[i] = in[i];
}
