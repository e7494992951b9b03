#!/usr/bin/env bash
# Installs what is missing, then builds and serves the app on http://127.0.0.1:8080/
# with live reload. Pass another port as the first argument if 8080 is taken.
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
bash scripts/setup.sh
# Trunk refuses to watch when a folder it is told to ignore does not exist yet.
mkdir -p build test-output
log "Serving BaRS Beta Tracker on http://127.0.0.1:${1:-8080}/"
exec trunk serve --address 127.0.0.1 --port "${1:-8080}"
