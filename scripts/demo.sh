#!/usr/bin/env bash
# Installs what is missing, builds, and scans the bundled example project.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
./build/drydock scan examples/node-api --fail-on none
