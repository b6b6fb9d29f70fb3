#!/usr/bin/env bash
# Plants each of the five bugs of issue 21 in turn, runs the tests that must catch it, and restores
# the file (from a copy, whatever happens). Every plant must end with failed tests; see docs/testing.md.
#   bash scripts/plant-bugs.sh [isolate|atomic|lock|overhead|holm ...]   (all five when none is named)
# Refuses to touch a source file with uncommitted changes.
set -u
cd "$(dirname "$0")/.."

# name -> file, the text replaced, its replacement, the tests (and vitest options) that must fail
plant() {
  case $1 in
    isolate) F=src/engine/run-suite.ts
      OLD="options.isolate && options.isolate !== 'none' && !child ? options.isolate : undefined"
      NEW="(undefined as typeof options.isolate)" # --isolate ignored: everything runs in-process
      TESTS=(test/engine/isolate-choice.test.ts test/engine/isolation.test.ts -t 'where isolated|the isolation decision') ;;
    atomic) F=src/store/files.ts
      OLD="  const tmp = path.join("
      NEW="  fs.writeFileSync(file, data); return; // plain write: no temp file, fsync or rename
  const tmp = path.join("
      TESTS=(test/store/atomic-in-process.test.ts test/store/processes.test.ts -t 'atomic') ;;
    lock) F=src/store/history-file.ts
      OLD='withLockSync(`${file}.lock`, () => {'
      NEW='((fn: () => void) => fn())(() => {' # no lock around the append
      TESTS=(test/store/atomic-in-process.test.ts test/store/processes.test.ts -t 'lock') ;;
    overhead) F=src/engine/result.ts
      OLD="const overhead = c.empty.length ? median(c.empty) : 0;"
      NEW="const overhead = 0;" # the empty loop is measured but not subtracted
      TESTS=(test/engine/known-truth.test.ts test/engine/run-suite.test.ts -t 'empty loop|overhead') ;;
    holm) F=src/compare/compare-runs.ts
      OLD="adjustPValues(tested.map((i) => out[i].pValue!), policy.correction)"
      NEW="tested.map((i) => out[i].pValue!)" # no suite-wide correction
      TESTS=(test/compare/multiple-comparisons.test.ts) ;;
    *) echo "unknown bug $1: isolate, atomic, lock, overhead or holm" >&2; exit 2 ;;
  esac
}

status=0
for name in "${@:-isolate atomic lock overhead holm}"; do
  for n in $name; do
    plant "$n"
    if ! git diff --quiet -- "$F"; then echo "$F has uncommitted changes: not planting" >&2; exit 2; fi
    backup=$(mktemp); cp "$F" "$backup"
    trap 'cp "$backup" "$F"' EXIT INT TERM
    OLD="$OLD" NEW="$NEW" node -e '
      const fs = require("fs"); const f = process.argv[1]; const s = fs.readFileSync(f, "utf8");
      if (!s.includes(process.env.OLD)) { console.error(`${f}: the planted text is not there any more`); process.exit(2); }
      fs.writeFileSync(f, s.replace(process.env.OLD, process.env.NEW));' "$F" || exit 2
    echo "== planted $n in $F"
    if NO_COLOR=1 npx vitest run "${TESTS[@]}" > "/tmp/plant-$n.log" 2>&1; then
      echo "== $n: NOT CAUGHT (all tests passed; log /tmp/plant-$n.log)"; status=1
    else
      echo "== $n: caught: $(grep -cE '^ FAIL ' "/tmp/plant-$n.log") failing tests"; grep -E '^ FAIL ' "/tmp/plant-$n.log" | sed 's/^/   /'
    fi
    cp "$backup" "$F"; rm -f "$backup"; trap - EXIT INT TERM
  done
done
exit $status
