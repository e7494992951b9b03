#!/usr/bin/env bash
# Where the wasm's bytes go, before wasm-opt: builds the release wasm exactly
# as Trunk does (same profile, same rustflags), runs wasm-bindgen keeping the
# function names, and prints twiggy's top items, dominators, garbage and a
# total per crate. Needs twiggy (cargo install twiggy).
#   --no-build   analyse target/ as it is
# Output also lands in test-output/size-breakdown/ (top.txt, retained.txt, monos.txt, ...).
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
command -v twiggy >/dev/null || { echo "twiggy is not installed: cargo install twiggy" >&2; exit 1; }
out=test-output/size-breakdown
mkdir -p "$out"
wasm="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/bars-beta-tracker.wasm"
if [ "${1:-}" != "--no-build" ]; then
  cargo build --release --target wasm32-unknown-unknown -p bars-beta-tracker --bin bars-beta-tracker --locked --quiet
fi
# wasm-bindgen as Trunk runs it, keeping the name section (--keep-debug) so
# twiggy can name every function; the result is the wasm wasm-opt would get.
wasm-bindgen --target web --no-typescript --keep-debug --out-dir "$out" "$wasm"
bg="$out/bars-beta-tracker_bg.wasm"
printf 'pre-wasm-opt wasm: %s bytes raw, %s gzip (names kept; the shipped file has none)\n' \
  "$(stat -c %s "$bg")" "$(gzip -9 -c "$bg" | wc -c)"

log "twiggy top -n 40"
twiggy top -n 40 "$bg" | tee "$out/top.txt"
log "twiggy top --retained -n 40 (what would go with each item)"
twiggy top --retained -n 40 "$bg" | tee "$out/retained.txt"
# Leptos' erased views are called through the function table, so most of the
# tree hangs off table[0]: the retained top above reads better than this tree.
log "twiggy dominators -d 4 -r 60"
twiggy dominators -d 4 -r 60 "$bg" | tee "$out/dominators.txt"
log "twiggy monos -m 20 -n 3 (generic functions instantiated many times)"
twiggy monos -m 20 -n 3 "$bg" | tee "$out/monos.txt"
log "twiggy garbage -n 20 (unreachable: wasm-opt removes it)"
twiggy garbage -n 20 "$bg" | tee "$out/garbage.txt"
log "Shallow size by crate (app and domain by module)"
twiggy top -n 1000000 --format csv "$bg" > "$out/top.csv"
node scripts/size-breakdown.mjs "$out/top.csv" 30 | tee "$out/by-crate.txt"
