#!/usr/bin/env bash
# The first run: installs only what building and running drydock need, builds
# only the drydock executable, and scans the bundled example project. Tests
# and their toolchains come with scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
step() { echo "demo: $* ($(( $(date +%s) - start )) s)" >&2; }
step "checking the Debian packages drydock builds with"
bash scripts/install-deps.sh
step "building build/drydock (tests and benchmarks are left to scripts/test.sh)"
# Quick flags for the first run: unity batches and -O1 compile in two thirds
# of the CPU time of -O3 file by file (bench/README.md, "Build time");
# scripts/build.sh and scripts/test.sh build the optimized binary.
NINJA_TARGETS=drydock DRYDOCK_PROGRESS=1 bash scripts/build.sh -DDRYDOCK_TESTS=OFF -DDRYDOCK_BENCH=OFF \
  -DDRYDOCK_UNITY=ON "-DCMAKE_CXX_FLAGS_RELEASE=-O1 -DNDEBUG"
step "scanning examples/node-api"
./build/drydock scan examples/node-api --fail-on none
step "done"
