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
NINJA_TARGETS=drydock DRYDOCK_PROGRESS=1 bash scripts/build.sh -DDRYDOCK_TESTS=OFF -DDRYDOCK_BENCH=OFF
step "scanning examples/node-api"
./build/drydock scan examples/node-api --fail-on none
step "done"
