// Opening a shared library at run time: the first of several candidate names, with the reason of
// every failed attempt kept, so "absent" is a sentence rather than a load failure.
#pragma once
#include <string>
#include <vector>

namespace cyclebench::gpu {

// A dlopen'ed library: handle (null when none of the candidates opened) and why not.
struct DynLib {
  void* handle = nullptr;
  std::string path;    // the candidate that opened
  std::string reason;  // when handle is null: every attempt and its dlerror text

  // Looks up a symbol; null when absent.
  void* Sym(const char* name) const;
};

// Tries an override from the environment variable `env_var` (when set and not empty) and then each
// candidate in order. Libraries are opened RTLD_NOW | RTLD_LOCAL and never closed.
DynLib OpenFirst(const char* env_var, const std::vector<std::string>& candidates);

// Binds `*slot` to the symbol `name`; adds `name` to `missing` when absent.
template <typename F>
void Bind(const DynLib& lib, F*& slot, const char* name, std::vector<std::string>& missing) {
  slot = reinterpret_cast<F*>(lib.Sym(name));
  if (!slot) missing.push_back(name);
}

// Joins names with ", " for reasons.
std::string JoinNames(const std::vector<std::string>& names);

}  // namespace cyclebench::gpu
