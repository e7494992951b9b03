#!/usr/bin/env bash
# Builds the release bundle, prints the raw and gzip size of each shipped file
# and the gzip total of wasm + JS + CSS, and fails when that total is over the
# budget in size-budget.txt (bytes).
#   --no-build   report dist/ as it is (scripts/test.sh runs this after its build)
#   --dist DIR   report another build, e.g. bench/hello-world/dist (no budget check)
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
build=1 dist=dist check=1
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --dist) dist=$2; build=0; check=0; shift ;;
    *) echo "usage: $0 [--no-build] [--dist DIR]" >&2; exit 2 ;;
  esac
  shift
done
if [ "$build" = 1 ]; then
  bash scripts/setup.sh >/dev/null
  trunk build --release >/dev/null
fi

budget=$(grep -v '^#' size-budget.txt | grep -m1 -oE '^[0-9]+')
total_raw=0 total_gz=0 counted=0
printf '%-6s %10s %10s  %s\n' kind raw gzip file
for f in "$dist"/*.wasm "$dist"/*.js "$dist"/*.css "$dist"/index.html; do
  [ -f "$f" ] || continue
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  printf '%-6s %10s %10s  %s\n' "${f##*.}" "$raw" "$gz" "$(basename "$f")"
  case "$f" in
    *.wasm | *.js | *.css) total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); counted=$((counted + 1)) ;;
  esac
done
if [ "$counted" -eq 0 ] || ! ls "$dist"/*.wasm >/dev/null 2>&1; then
  echo "size report: no wasm in $dist; build first (trunk build --release)" >&2
  exit 1
fi
printf '%-6s %10s %10s  %s\n' total "$total_raw" "$total_gz" "wasm + JS + CSS"
[ "$check" = 1 ] || exit 0
if [ "$total_gz" -gt "$budget" ]; then
  echo "OVER BUDGET: wasm + JS + CSS is $total_gz bytes gzip, budget $budget (size-budget.txt), $((total_gz - budget)) bytes over" >&2
  exit 1
fi
echo "within budget: $total_gz of $budget bytes gzip ($((budget - total_gz)) to spare)"
