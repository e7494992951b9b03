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
home|Route::Home
share|Route::Share
calculator|Route::Calculator
deployment-form|Route::NewDeployment,Page::Edit
deployment-delete|Page::Delete
progress|Page::Progress
providers|Page::Providers,Page::NewProvider,Page::EditProvider(p),Page::Provider(p),Page::RemoveProvider(p)
exit-report|Page::ExitReport(p)
volumetrics|Page::Volumetrics
incidents|Page::Incidents,Page::NewIncident,Page::EditIncident(i)
contacts|Page::Contacts,Page::NewContact
calls|Page::Calls,Page::NewCall | Page::Call(_),Page::CallCadence
roles|Page::Roles,Page::RasciTask(task),Page::Responsibilities(who),Page::Responsibility(item),Page::NextSteps(who)
stages|Page::Stages,Page::NewDecision(p),Page::BusinessChange(p),Page::History(p)
issues|Page::Issues(query),page @ (Page::NewIssue | Page::RaiseIssue(_) | Page::EditIssue(_))
lessons|Page::Lessons(query),page @ (Page::NewLesson | Page::EditLesson(_))
all-pages|Route::Home,Route::Share,Route::Calculator,Route::NewDeployment,Page::Edit,Page::Delete,Page::Progress,Page::Providers,Page::NewProvider,Page::EditProvider(p),Page::Provider(p),Page::RemoveProvider(p),Page::ExitReport(p),Page::Volumetrics,Page::Incidents,Page::NewIncident,Page::EditIncident(i),Page::Contacts,Page::NewContact,Page::Calls,Page::NewCall | Page::Call(_),Page::CallCadence,Page::Roles,Page::RasciTask(task),Page::Responsibilities(who),Page::Responsibility(item),Page::NextSteps(who),Page::Stages,Page::NewDecision(p),Page::BusinessChange(p),Page::History(p),Page::Issues(query),page @ (Page::NewIssue | Page::RaiseIssue(_) | Page::EditIssue(_)),Page::Lessons(query),page @ (Page::NewLesson | Page::EditLesson(_))
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
    # "Arm => view! { ... }.into_any()," and "Arm => { ... }" (a block closed
    # at the arm's own indentation) become the not-found page.
    ARM="$arm" perl -0pi -e 's/(\Q$ENV{ARM}\E =>) view! \{.*?\}\s*\.into_any\(\),/$1 view! { <NotFound\/> }.into_any(),/s or s/(\Q$ENV{ARM}\E =>) \{\n.*?\n        \}\n/$1 view! { <NotFound\/> }.into_any(),\n/s' "$dispatcher"
    grep -qF "$arm => view! { <NotFound/> }" "$dispatcher" || { echo "could not replace the arm '$arm' in src/pages/mod.rs" >&2; exit 1; }
  done
  size=$(wasm_gzip) || continue
  printf '%-18s %8s %8s\n' "$name" "$size" $((whole - size))
done <<< "$GROUPS_TABLE"
