// x86-64: three instructions per iteration (add, sub, jnz) in inline assembly, so the compiler cannot
// change the count. Elsewhere a volatile C++ loop with no exact claim.
#include "instrument/known_loop.h"

#include "platform.h"

namespace cyclebench::instrument {

#if defined(CYCLEBENCH_ARCH_X86_64)
const unsigned kKnownLoopInstructionsPerIteration = 3;

uint64_t KnownLoop(uint64_t n) {
  if (n == 0) return 0;
  uint64_t acc = 0;
  asm volatile(
      "1:\n\t"
      "add $1, %[acc]\n\t"
      "sub $1, %[n]\n\t"
      "jnz 1b\n\t"
      : [acc] "+r"(acc), [n] "+r"(n)
      :
      : "cc");
  return acc;
}
#else
const unsigned kKnownLoopInstructionsPerIteration = 0;

uint64_t KnownLoop(uint64_t n) {
  volatile uint64_t acc = 0;
  for (uint64_t i = 0; i < n; ++i) acc = acc + 1;
  return acc;
}
#endif

}  // namespace cyclebench::instrument
