#!/usr/bin/env bash
# Builds the app with the `bench` feature (which exports `import_and_assess`)
# into dist-bench/, never into the shipped dist/, then times importing a
# 50-provider, 50,000-row snapshot in headless Chromium against a plain
# JSON.parse of the same bytes.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
if [ "${1:-}" != "--no-build" ]; then
  bash scripts/setup.sh >/dev/null
  trunk build --release --features bench --dist dist-bench >/dev/null
fi
BARS_DIST="$ROOT/dist-bench" node scripts/bench-import.mjs
