#!/usr/bin/env bash
# Installs whatever a fresh Debian 12 machine lacks to build and test the app,
# and skips whatever is already there at the right version. Safe to run often.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

have_version() { command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -qF "$2"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "Adding the wasm32-unknown-unknown Rust target"
  rustup target add wasm32-unknown-unknown
fi

if ! have_version trunk "trunk $TRUNK_VERSION"; then
  # A debug build without debug info installs in a third of the time and runs as fast for us.
  log "Installing Trunk $TRUNK_VERSION"
  CARGO_PROFILE_DEV_DEBUG=0 cargo install trunk --version "$TRUNK_VERSION" --locked --debug
fi

if ! have_version wasm-bindgen "wasm-bindgen $WASM_BINDGEN_VERSION" || ! command -v wasm-bindgen-test-runner >/dev/null; then
  # Not --locked: its lockfile names a crate version the registry does not serve.
  log "Installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  log "Installing Debian's chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# npm ci again only when the lockfile changed since the last install.
stamp=node_modules/.installed-from-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  log "Installing the JavaScript dev tools (npm ci)"
  npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi

if ! wasm-opt --version | grep -q "version 132"; then
  echo "wasm-opt on PATH is not binaryen 132 from npm: $(command -v wasm-opt)" >&2
  exit 1
fi

# Crates are fetched here, once, so that builds afterwards need no network.
cargo fetch --quiet
