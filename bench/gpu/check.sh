#!/usr/bin/env bash
# GPU check for cyclebench, in one call, on a machine with an NVIDIA GPU and driver (and possibly no
# Node): builds the addon, runs the GPU tests, runs the GPU benchmarks, prints everything and writes
# logs plus gpu-check.json under $OUT (default .cyclebench/gpu-check).
#
#   bash bench/gpu/check.sh
#
# Node: the one on PATH, else the binary carried as .device/node.xz (unpacked to /tmp/node), and
# node_modules from .device/node_modules.tar.xz when absent: `bash bench/gpu/pack-device.sh` makes
# both here; then run this script there with `.device` carried.
# Build: no node-gyp (it needs Node's headers, absent there): g++ compiles native/**/*.cc with
# node-api-headers + node-addon-api from node_modules into build/Release/cyclebench.node, where the
# loader finds it. Set CYCLEBENCH_BUILD=skip to keep an existing build, =node-gyp to use node-gyp.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT="${OUT:-$ROOT/.cyclebench/gpu-check}"
mkdir -p "$OUT"
status=0
step() { printf '\n==== %s\n' "$*"; }
fail() { echo "check.sh: $*" >&2; status=1; }

step "node"
if ! command -v node >/dev/null 2>&1; then
  if [ -f .device/node.xz ]; then
    xz -dc .device/node.xz > /tmp/node && chmod +x /tmp/node
    mkdir -p /tmp/cb-nodebin && ln -sf /tmp/node /tmp/cb-nodebin/node
    export PATH="/tmp/cb-nodebin:$PATH"
  else
    echo "check.sh: no node on PATH and no .device/node.xz to unpack" >&2
    exit 2
  fi
fi
echo "node $(node --version) at $(command -v node)"
if [ ! -d node_modules ] && [ -f .device/node_modules.tar.xz ]; then
  echo "unpacking .device/node_modules.tar.xz (made by bench/gpu/pack-device.sh)"
  xz -dc .device/node_modules.tar.xz | tar -xf - || { echo "check.sh: could not unpack node_modules" >&2; exit 2; }
fi
for f in node_modules/node-addon-api/napi.h node_modules/node-api-headers/include/node_api.h \
         node_modules/vitest/vitest.mjs node_modules/tsx/dist/cli.mjs; do
  [ -e "$f" ] || { echo "check.sh: $f missing: carry node_modules (npm install on a machine with Node)" >&2; exit 2; }
done

step "GPU and toolkit"
command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi --query-gpu=name,driver_version,clocks.sm,clocks.max.sm,temperature.gpu,power.draw --format=csv \
  | tee "$OUT/nvidia-smi.txt" || echo "no nvidia-smi"
for lib in libcuda.so.1 libnvidia-ml.so.1 libnvrtc.so libcupti.so; do
  printf '%-20s %s\n' "$lib" "$( (ldconfig -p 2>/dev/null | grep -m1 "$lib" | sed 's/.*=> //') || true)"
done
# Let the addon find NVRTC/CUPTI in a toolkit that is not on the loader path.
for d in /usr/local/cuda/lib64 /usr/local/cuda/extras/CUPTI/lib64 /usr/local/cuda/targets/x86_64-linux/lib; do
  [ -d "$d" ] && export LD_LIBRARY_PATH="${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$d"
done
[ -d /usr/local/cuda/bin ] && export PATH="$PATH:/usr/local/cuda/bin"

step "build the addon"
mode="${CYCLEBENCH_BUILD:-g++}"
if [ "$mode" = skip ] && [ -f build/Release/cyclebench.node ]; then
  echo "keeping build/Release/cyclebench.node"
elif [ "$mode" = node-gyp ]; then
  node node_modules/node-gyp/bin/node-gyp.js rebuild 2>&1 | tee "$OUT/build.log" | tail -5 || fail "node-gyp failed"
else
  CXX="${CXX:-g++}"
  obj=build/check-obj
  mkdir -p "$obj" build/Release
  flags=(-std=c++17 -O2 -fPIC -fexceptions -Wall -Wextra -Wno-unused-parameter -DNAPI_VERSION=8
         -DNODE_ADDON_API_DISABLE_DEPRECATED -DBUILDING_NODE_EXTENSION
         -Inode_modules/node-api-headers/include -Inode_modules/node-addon-api -Inative)
  # shellcheck disable=SC2046
  sources=$(node native/sources.cjs)
  echo "$CXX ${flags[*]} ($(echo "$sources" | wc -w) sources, $(nproc) jobs)"
  export CXX obj
  if printf '%s\n' $sources | xargs -P "$(nproc)" -I{} sh -c \
       'o="$obj/$(echo {} | tr / _).o"; $CXX '"${flags[*]}"' -c {} -o "$o" || exit 255' > "$OUT/build.log" 2>&1 \
     && $CXX -shared -o build/Release/cyclebench.node "$obj"/*.o -ldl >> "$OUT/build.log" 2>&1; then
    echo "built build/Release/cyclebench.node"
    grep -i warning "$OUT/build.log" | head -20
  else
    cat "$OUT/build.log"; fail "the addon did not build"
  fi
fi
node -e '
  const a = require("./build/Release/cyclebench.node");
  const p = a.gpu.probe();
  console.log(JSON.stringify(p, null, 2));
' | tee "$OUT/probe.json" || fail "the addon does not load"

step "GPU tests (npx vitest run test/gpu)"
node node_modules/vitest/vitest.mjs run test/gpu 2>&1 | tee "$OUT/tests.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || fail "GPU tests failed"

step "GPU benchmarks: self-checks"
OUT="$OUT" node node_modules/tsx/dist/cli.mjs bench/gpu/check.ts 2>&1 | tee "$OUT/check.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || fail "bench/gpu/check.ts failed"

step "GPU benchmarks: saxpy (cold / hot / graph)"
node node_modules/tsx/dist/cli.mjs src/cli/main.ts run bench/gpu/saxpy.bench.ts --json "$OUT/saxpy.json" 2>&1 | tee "$OUT/saxpy.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || fail "bench/gpu/saxpy.bench.ts failed"

step "summary"
grep -hE '^(PASS|FAIL) ' "$OUT/check.log" || true
grep -hE 'Tests|Test Files' "$OUT/tests.log" || true
echo "outputs in $OUT"
exit $status
