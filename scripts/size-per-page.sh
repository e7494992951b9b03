#!/usr/bin/env bash
# What each page costs in the shipped wasm: for each group of pages, builds the
# release wasm with those pages' arms in src/pages/mod.rs replaced by the
# not-found page (in a throwaway git worktree of HEAD, so nothing here
# changes), runs wasm-bindgen and wasm-opt -Oz as Trunk does, and prints the
# gzip size and how much smaller than the whole app it is. Slow: one release
# build per line (about a minute each on 2 cores).
#   bash scripts/size-per-page.sh [GROUP...]   (default: every group below)
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

# group name, then the dispatcher arms (their text up to "=>") to replace.
GROUPS_TABLE='
share|Route::Share
progress|Page::Progress
providers-list|Page::Providers
provider-form|Page::NewProvider,Page::EditProvider(p)
provider-page|Page::Provider(p),Page::RemoveProvider(p)
volumetrics|Page::Volumetrics
incidents|Page::Incidents,Page::NewIncident,Page::EditIncident(i)
contacts|Page::Contacts,Page::NewContact
deployment-form|Route::NewDeployment,Page::Edit
deployment-delete|Page::Delete
home|Route::Home
all-pages|Route::Share,Route::Home,Route::NewDeployment,Page::Progress,Page::Edit,Page::Delete,Page::Providers,Page::NewProvider,Page::EditProvider(p),Page::Provider(p),Page::RemoveProvider(p),Page::Volumetrics,Page::Incidents,Page::NewIncident,Page::EditIncident(i),Page::Contacts,Page::NewContact
'
wanted=("$@")
tmp=$(mktemp -d /tmp/size-per-page.XXXXXX)
cleanup() { git worktree remove --force "$tmp/src-tree" >/dev/null 2>&1; rm -rf "$tmp"; }
trap cleanup EXIT
git worktree add --detach "$tmp/src-tree" HEAD >/dev/null 2>&1
# A target directory of its own: cargo tells builds of the same package apart
# by file times, not by path, so sharing target/ with this worktree would let
# a later build here reuse the patched code. The first run builds every
# dependency once.
export CARGO_TARGET_DIR="$ROOT/target/size-per-page"

# Builds the worktree as it is and prints the shipped wasm's gzip size.
wasm_gzip() {
  (cd "$tmp/src-tree" && cargo build --release --target wasm32-unknown-unknown -p bars-beta-tracker --bin bars-beta-tracker --quiet 2>/dev/null) || { echo "build failed" >&2; return 1; }
  wasm-bindgen --target web --no-typescript --out-dir "$tmp/bg" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/bars-beta-tracker.wasm"
  wasm-opt -Oz -o "$tmp/opt.wasm" "$tmp/bg/bars-beta-tracker_bg.wasm"
  gzip -9 -c "$tmp/opt.wasm" | wc -c
}

whole=$(wasm_gzip)
printf '%-18s %8s %8s\n' pages 'wasm gz' saved
printf '%-18s %8s %8s\n' '(whole app)' "$whole" 0
dispatcher="$tmp/src-tree/src/pages/mod.rs"
cp "$dispatcher" "$tmp/mod.rs.orig"
while IFS='|' read -r name arms; do
  [ -n "$name" ] || continue
  if [ ${#wanted[@]} -gt 0 ] && [[ ! " ${wanted[*]} " == *" $name "* ]]; then continue; fi
  cp "$tmp/mod.rs.orig" "$dispatcher"
  IFS=',' read -ra list <<< "$arms"
  for arm in "${list[@]}"; do
    # "Arm => view! { ... }.into_any()," on one line becomes the not-found page.
    ARM="$arm" perl -0pi -e 's/(\Q$ENV{ARM}\E =>) view! \{.*?\}\s*\.into_any\(\),/$1 view! { <NotFound\/> }.into_any(),/s' "$dispatcher"
    grep -qF "$arm => view! { <NotFound/> }" "$dispatcher" || { echo "could not replace the arm '$arm' in src/pages/mod.rs" >&2; exit 1; }
  done
  size=$(wasm_gzip) || continue
  printf '%-18s %8s %8s\n' "$name" "$size" $((whole - size))
done <<< "$GROUPS_TABLE"
