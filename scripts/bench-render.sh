#!/usr/bin/env bash
# Builds the app and the Leptos hello-world (bench/hello-world) for release,
# then times in one headless Chromium run the first render of a realistic
# deployment against the hello-world's, and the as-of date change.
#   --no-build   use dist/ and bench/hello-world/dist/ as they are
# RUNS=15 and AS_OF_CHANGES=21 by default; set them to change the sample sizes.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

# The hello-world is a member of the root workspace, so it is built with the
# root's [profile.release] and .cargo/config.toml. Check it stays that way:
# a profile of its own would be ignored by cargo with only a warning.
if ! cargo metadata --no-deps --format-version 1 --offline | grep -q '"name":"bench-hello-world"'; then
  echo "bench/hello-world is not a member of the root workspace: it would not share the release profile" >&2
  exit 1
fi
if grep -q '^\[profile' bench/hello-world/Cargo.toml; then
  echo "bench/hello-world/Cargo.toml has a [profile] section: profiles belong in the root Cargo.toml" >&2
  exit 1
fi
if [ "$(grep -o 'data-wasm-opt="[a-z0-9]*"' index.html)" != "$(grep -o 'data-wasm-opt="[a-z0-9]*"' bench/hello-world/index.html)" ]; then
  echo "the app and the hello-world run wasm-opt at different levels (see the two index.html files)" >&2
  exit 1
fi

if [ "${1:-}" != "--no-build" ]; then
  bash scripts/setup.sh >/dev/null
  log "Building the app (release)"
  trunk build --release >/dev/null
  log "Building the hello-world (release, same profile)"
  (cd bench/hello-world && trunk build --release >/dev/null)
fi
log "Sizes of the app"
bash scripts/size-report.sh --no-build || true
log "Sizes of the hello-world"
bash scripts/size-report.sh --dist bench/hello-world/dist
log "Timing in headless Chromium"
node scripts/bench-render.mjs
