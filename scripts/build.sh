#!/usr/bin/env bash
# Configures and builds drydock into build/ (Release with debug info).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
fi
ninja -C build "${NINJA_TARGETS:-all}" | grep -vE '^\[[0-9]+/[0-9]+\] ' || true
test -x build/drydock
