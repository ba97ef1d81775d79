#!/usr/bin/env bash
# Configures and builds drydock into build/ (Release).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
fi
# Progress lines are dropped; compiler messages and the exit status are kept.
set +e
ninja -C build "${NINJA_TARGETS:-all}" | grep -vE '^\[[0-9]+/[0-9]+\] '
status=${PIPESTATUS[0]}
set -e
[ "$status" -eq 0 ] || { echo "build: ninja failed" >&2; exit "$status"; }
test -x build/drydock
