#!/usr/bin/env bash
# Configures and builds drydock into build/ (Release, no debug info).
#   bash scripts/build.sh [CMAKE_OPTION...]       every target (tests, benchmarks)
#   NINJA_TARGETS=drydock bash scripts/build.sh -DDRYDOCK_TESTS=OFF -DDRYDOCK_BENCH=OFF
# DRYDOCK_PROGRESS=1 prints one progress line per tenth of the build.
set -euo pipefail
cd "$(dirname "$0")/.."
# Configure every time: cheap when nothing changed, and it applies the options
# asked for (the demo builds without tests, test.sh with them).
# The defaults come first so that options given later win, and so that a
# folder configured by the demo (quick flags) is reset by a plain build.
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DDRYDOCK_UNITY=OFF \
  "-DCMAKE_CXX_FLAGS_RELEASE=-O3 -DNDEBUG" "$@" >/dev/null
# ccache hits across clones and worktrees of the same sources.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(cd .. && pwd)}"
read -ra targets <<<"${NINJA_TARGETS:-all}"
# NINJA_JOBS=N limits parallel compiles (helpers sharing two cores).
[ -n "${NINJA_JOBS:-}" ] && targets=(-j "$NINJA_JOBS" "${targets[@]}")
set +e
if [ "${DRYDOCK_PROGRESS:-0}" = 1 ]; then
  # Ninja's [done/total] lines, reduced to one line per 10%.
  ninja -C build "${targets[@]}" | awk '
    /^\[[0-9]+\/[0-9]+\] / { split(substr($1, 2), a, "/"); p = int(a[1] * 10 / a[2]);
      if (p > last) { printf "build: %d%% (%d of %d steps)\n", p * 10, a[1], a[2]; fflush(); last = p } next }
    { print; fflush() }' >&2
else
  # Progress lines are dropped; compiler messages and the exit status are kept.
  ninja -C build "${targets[@]}" | grep -vE '^\[[0-9]+/[0-9]+\] '
fi
status=${PIPESTATUS[0]}
set -e
[ "$status" -eq 0 ] || { echo "build: ninja failed" >&2; exit "$status"; }
test -x build/drydock
