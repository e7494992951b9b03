#!/usr/bin/env bash
# Builds the release bundle, then times importing a 50-provider, 50,000-row
# snapshot in headless Chromium against a plain JSON.parse of the same bytes.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
if [ "${1:-}" != "--no-build" ]; then
  bash scripts/setup.sh >/dev/null
  trunk build --release >/dev/null
fi
node scripts/bench-import.mjs
