#!/usr/bin/env bash
# Installs what is missing, then runs every test layer:
#   0. tools:   node tests of the build tools (style/purge.mjs)
#   1. host:    cargo test of the domain crate (no browser)
#   2. browser: wasm-bindgen-test in headless Chromium (components, storage)
#   3. e2e:     Playwright journeys and axe-core against the release build
#   4. size:    the release bundle against size-budget.txt (scripts/size-report.sh)
# It prints how long each phase took, and ends with one line counting the tests
# of all layers: "N passed, N failed".
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
set +e
mkdir -p test-output/logs
passed=0; failed=0; timings=()

# Runs one phase, teeing its output to a log, and adds up the counts its test
# runner printed. A phase that fails without reporting a failed test still
# counts as one failure, so a broken build can never look green.
phase() {
  local name=$1 parser=$2; shift 2
  local log="test-output/logs/$name.log" start=$SECONDS
  log "$name: $*"
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local counts p f
  counts=$($parser "$log"); p=${counts% *}; f=${counts#* }
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p)); failed=$((failed + f))
  timings+=("$(printf '%-8s %5ss  %s passed, %s failed (exit %s)' "$name" $((SECONDS - start)) "$p" "$f" "$status")")
  return "$status"
}
none() { echo "0 0"; }
cargo_counts() {
  awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
       END { print p + 0, f + 0 }' "$1"
}
tap_counts() { awk '/^# pass / { p = $3 } /^# fail / { f = $3 } END { print p + 0, f + 0 }' "$1"; }

finish() {
  log "Phase timings"
  printf '  %s\n' "${timings[@]}"
  echo
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit $?
}

phase setup none bash scripts/setup.sh || finish
phase tools tap_counts node --test --test-reporter=tap style/*.test.mjs
phase host cargo_counts cargo test -p bars-domain --locked
phase browser cargo_counts cargo test -p bars-beta-tracker --target wasm32-unknown-unknown --locked
if phase build none trunk build --release; then
  phase e2e tap_counts node --test --test-reporter=tap --test-concurrency=1 tests/e2e/*.test.mjs
  # Over the transfer budget counts as one failure, so CI goes red.
  phase size none bash scripts/size-report.sh --no-build
fi
finish
