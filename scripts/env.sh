# Sourced by the other scripts: pinned tool versions and the environment Trunk
# and the test runners need so that nothing is ever fetched from outside the
# package registries.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TRUNK_VERSION=0.21.14
# The wasm-bindgen CLI must equal the crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)"

# npm's binaryen (wasm-opt 132) comes before anything else, e.g. Debian's 108.
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_OFFLINE=true
export TRUNK_SKIP_VERSION_CHECK=true
export TRUNK_TOOLS_WASM_OPT=version_132
export TRUNK_TOOLS_WASM_BINDGEN="$WASM_BINDGEN_VERSION"
export CHROMEDRIVER=/usr/bin/chromedriver

# Flags Chromium needs here: running as root, no GPU, and no background calls
# to a network that does not exist.
CHROMIUM_FLAGS="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
export CHROMIUM_FLAGS

log() { printf '\n==> %s\n' "$*"; }
