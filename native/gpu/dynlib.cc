// Opens shared libraries by candidate name; see dynlib.h.
#include "gpu/dynlib.h"

#include <dlfcn.h>

#include <cstdlib>

namespace cyclebench::gpu {

void* DynLib::Sym(const char* name) const { return handle ? dlsym(handle, name) : nullptr; }

DynLib OpenFirst(const char* env_var, const std::vector<std::string>& candidates) {
  DynLib lib;
  std::vector<std::string> tries;
  const char* forced = env_var ? std::getenv(env_var) : nullptr;
  std::vector<std::string> names;
  if (forced && *forced) names.push_back(forced);
  names.insert(names.end(), candidates.begin(), candidates.end());
  for (const std::string& name : names) {
    dlerror();
    void* h = dlopen(name.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (h) {
      lib.handle = h;
      lib.path = name;
      return lib;
    }
    const char* err = dlerror();
    tries.push_back(err ? std::string(err) : name + ": unknown dlopen error");
  }
  for (size_t i = 0; i < tries.size(); ++i) lib.reason += (i ? "; " : "") + tries[i];
  return lib;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
  return out;
}

}  // namespace cyclebench::gpu
