#!/usr/bin/env bash
# Checks that the addon's C++ and CUDA sources match .clang-format; exits 1 on any difference.
# Without clang-format it skips (exit 0) so a contributor's machine needs nothing more, except under
# CI=true, where a check that silently does not run would pass everything: there it fails.
#
#   scripts/lint-native.sh          check (clang-format --dry-run --Werror)
#   scripts/lint-native.sh --fix    rewrite the files in place
#   CLANG_FORMAT=clang-format-14 scripts/lint-native.sh    use another binary
set -euo pipefail
cd "$(dirname "$0")/.."

CLANG_FORMAT=${CLANG_FORMAT:-clang-format}
if ! command -v "$CLANG_FORMAT" >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ]; then
    echo "lint-native: $CLANG_FORMAT not found and CI=true; install it (Debian: apt-get install clang-format)" >&2
    exit 1
  fi
  echo "lint-native: skipped, $CLANG_FORMAT not found (Debian: apt-get install clang-format)"
  exit 0
fi

# Every .h/.cc/.cu under native/ but third-party and generated code: instrument/vendor/ (valgrind's
# headers, kept as released) and gpu/kernels/builtin_ptx.h (written by gpu/kernels/generate.cjs).
mapfile -t files < <(find native \( -path native/instrument/vendor -o -path native/gpu/kernels/builtin_ptx.h \) -prune \
  -o -type f \( -name '*.h' -o -name '*.cc' -o -name '*.cu' \) -print | LC_ALL=C sort)
version=$("$CLANG_FORMAT" --version)

if [ "${1:-}" = "--fix" ]; then
  "$CLANG_FORMAT" -i --style=file "${files[@]}"
  echo "lint-native: formatted ${#files[@]} files with $version"
elif "$CLANG_FORMAT" --dry-run --Werror --style=file "${files[@]}"; then
  echo "lint-native: ${#files[@]} files match .clang-format ($version)"
else
  echo "lint-native: the files above differ from .clang-format ($version); scripts/lint-native.sh --fix rewrites them" >&2
  exit 1
fi
