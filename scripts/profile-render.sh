#!/usr/bin/env bash
# Where the app's first render and an as-of change spend their time: builds
# the release app as Trunk does but keeps function names through wasm-bindgen
# and wasm-opt -Oz (so a profile names Rust functions; otherwise the same
# code), then records Chromium traces and prints a breakdown. A diagnosis
# tool, not a benchmark: scripts/bench-render.sh gives the figures.
#   --no-build   profile test-output/profile/ as it is
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
out=test-output/profile
if [ "${1:-}" != "--no-build" ]; then
  bash scripts/setup.sh >/dev/null
  trunk build --release >/dev/null   # dist/: the stylesheet and the page template
  cargo build --release --target wasm32-unknown-unknown -p bars-beta-tracker --bin bars-beta-tracker --locked --quiet
  rm -rf "$out" && mkdir -p "$out"
  wasm-bindgen --target web --no-typescript --keep-debug --out-dir "$out" "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/bars-beta-tracker.wasm"
  wasm-opt -Oz --debuginfo -o "$out/app_bg.wasm" "$out/bars-beta-tracker_bg.wasm"
  rm "$out/bars-beta-tracker_bg.wasm"
  cp dist/*.css "$out/app.css"
  cp dist/sw-register-*.js dist/sw.js "$out/"
  # dist/index.html with the named build's files, without integrity hashes and
  # without the Content-Security-Policy (its hash covers Trunk's loader, which
  # the renamed files change).
  sed -E -e 's/ integrity="[^"]*"//g' -e '/Content-Security-Policy/d' \
    -e 's#\./bars-beta-tracker-[0-9a-f]+_bg\.wasm#./app_bg.wasm#g' \
    -e 's#\./bars-beta-tracker-[0-9a-f]+\.js#./bars-beta-tracker.js#g' \
    -e 's#\./app-[0-9a-f]+\.css#./app.css#g' dist/index.html > "$out/index.html"
fi
# The hello-world too, when built (scripts/bench-render.sh builds it).
node bench/profile-render.mjs "$out" $( [ -d bench/hello-world/dist ] && echo bench/hello-world/dist )
