#!/usr/bin/env bash
# Installs what is missing (the test toolchains included), starts a Docker
# engine if none runs, builds everything, and runs every test. Ends with
# ctest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
bash scripts/start-engine.sh || echo "test: no Docker engine; engine tests will be skipped" >&2
bash scripts/build.sh -DDRYDOCK_TESTS=ON -DDRYDOCK_BENCH=ON
cd build
ctest --output-on-failure -j "${DRYDOCK_TEST_JOBS:-2}" --timeout 900
