#!/usr/bin/env bash
# Builds the release bundle and prints the raw and gzip size of each shipped file.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
if [ "${1:-}" != "--no-build" ]; then
  bash scripts/setup.sh >/dev/null
  trunk build --release >/dev/null
fi
printf '%-6s %10s %10s  %s\n' kind raw gzip file
for f in dist/*.wasm dist/*.js dist/*.css dist/index.html; do
  [ -f "$f" ] || continue
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  printf '%-6s %10s %10s  %s\n' "${f##*.}" "$raw" "$gz" "$(basename "$f")"
done
