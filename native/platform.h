// Architecture, OS and toolchain detection, done once: every other file tests the CYCLEBENCH_ARCH_* /
// CYCLEBENCH_OS_* macros below and never a compiler's own (__x86_64__, __linux__, _WIN32, ...).
//
// Built and tested: Linux x86-64. Linux arm64 takes its own paths (CNTVCT, no rdpmc) but is untested.
// Other POSIX systems (macOS, the BSDs) get the generic paths (perf_event stub); nothing builds or
// tests them. Windows and non-GNU compilers stop here with an #error. See docs/design.md, "Platforms".
#pragma once

// GNU inline assembly, <cpuid.h> and the x86 intrinsics headers: GCC or Clang (both define __GNUC__).
#if !defined(__GNUC__)
#error "cyclebench's addon needs GCC or Clang (GNU inline assembly); MSVC is not supported (docs/design.md, Platforms)"
#endif

// Every native function reports failure by throwing (errors.h); node-addon-api needs to know it too.
#if !defined(__cpp_exceptions)
#error "cyclebench's addon needs C++ exceptions: build with -fexceptions (binding.gyp and CMakeLists.txt do)"
#endif

#if defined(__x86_64__)
#define CYCLEBENCH_ARCH_X86_64 1
#elif defined(__aarch64__)
#define CYCLEBENCH_ARCH_ARM64 1
#else
#define CYCLEBENCH_ARCH_OTHER 1  // 32-bit x86 included: the monotonic clock, no rdpmc, no exact loop
#endif

#if defined(_WIN32)
#error "cyclebench's addon does not build on Windows (no clock_gettime, dlopen or mmap); see docs/design.md, Platforms"
#elif defined(__linux__)
#define CYCLEBENCH_OS_LINUX 1
#elif defined(__APPLE__)
#define CYCLEBENCH_OS_MACOS 1  // untested: generic paths only
#elif defined(__unix__)
#define CYCLEBENCH_OS_OTHER 1  // untested: generic paths only
#else
#error "cyclebench's addon needs a POSIX system (clock_gettime, dlopen, mmap); see docs/design.md, Platforms"
#endif
