#!/usr/bin/env bash
# Packs what bench/gpu/check.sh needs on a GPU machine that has no Node and no registry access, into
# .device/ (ignored by git): the node binary and node_modules without the dev-only heavyweights
# (TypeScript, tsup, peers of the precision benchmark). About 45 MB, under the 64 MiB a device call
# carries. Then: run `bash bench/gpu/check.sh` there with `.device` carried.
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .device
grep -qx '/.device/' .git/info/exclude 2>/dev/null || echo '/.device/' >> .git/info/exclude
xz -T2 -6 -c "$(command -v node)" > .device/node.xz
tar -cf - \
  --exclude=node_modules/typescript --exclude=node_modules/tsup --exclude=node_modules/@types \
  --exclude=node_modules/mitata --exclude=node_modules/tinybench --exclude=node_modules/benchmark \
  --exclude=node_modules/lodash --exclude=node_modules/prebuildify --exclude=node_modules/cmake-js \
  --exclude=node_modules/.cache node_modules | xz -T2 -6 > .device/node_modules.tar.xz
du -sh .device/*
