#!/usr/bin/env bash
# Installs what drydock needs, from Debian packages only. The one install
# script, with profiles:
#   install-deps.sh               building and running drydock (the demo)
#   install-deps.sh --test        + the test toolchains: GoogleTest, the Docker
#                                 engine and the images' sources, clang (fuzz),
#                                 Go (the .dockerignore oracle), shellcheck,
#                                 skopeo, chromium, rsvg-convert
#   install-deps.sh --with-bench  + Google Benchmark, hyperfine and the peers
# Idempotent: prints nothing and does nothing when all is present.
set -euo pipefail

# Building and running: compiler, build tools and the libraries drydock links.
PKGS=(
  g++ cmake ninja-build pkg-config ccache
  libarchive-dev libisal-dev libzstd-dev libhyperscan-dev libre2-dev
  nlohmann-json3-dev libyaml-cpp-dev libcurl4-openssl-dev libsqlite3-dev
  libcli11-dev libfmt-dev libmimalloc-dev libssl-dev node-spdx-license-ids node-spdx-exceptions
)
TEST_PKGS=(
  git libgtest-dev libgmock-dev libbenchmark-dev shellcheck python3 python3-jsonschema
  isal zstd docker.io busybox-static debootstrap skopeo chromium librsvg2-bin
  clang-14 libclang-rt-14-dev
  golang-1.19-go golang-github-moby-patternmatcher-dev  # the .dockerignore oracle test
  python3-yaml python3-jwt libcommons-io-java  # real package metadata for the inventory tests
)
BENCH_PKGS=(libbenchmark-dev hyperfine time bc isal)

WITH_TEST=0
WITH_BENCH=0
for arg in "$@"; do
  case "$arg" in
    --test) WITH_TEST=1 ;;
    --with-bench) WITH_TEST=1; WITH_BENCH=1 ;;
    *) echo "install-deps: unknown option $arg (use --test or --with-bench)" >&2; exit 2 ;;
  esac
done
[ "$WITH_TEST" = 1 ] && PKGS+=("${TEST_PKGS[@]}")
[ "$WITH_BENCH" = 1 ] && PKGS+=("${BENCH_PKGS[@]}")
# The machine image ships Node.js with npm; Debian's npm only where it does not.
if [ "$WITH_TEST" = 1 ] && ! command -v npm >/dev/null 2>&1; then PKGS+=(npm); fi

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${#missing[@]} Debian packages: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[ "$WITH_TEST" = 1 ] || exit 0

# The SARIF 2.1.0 JSON schema for the SARIF validation test, taken from the
# npm registry package that ships Microsoft's copy of the OASIS schema.
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/drydock-deps"
SCHEMA="$CACHE/sarif-2.1.0.json"
if [ ! -s "$SCHEMA" ] && command -v npm >/dev/null 2>&1; then
  mkdir -p "$CACHE/npm"
  if (cd "$CACHE/npm" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null 2>&1); then
    tar -xzf "$CACHE/npm"/microsoft-jest-sarif-*.tgz -C "$CACHE/npm" package/lib/schemas/sarif-2.1.0-rtm.5.json \
      && mv "$CACHE/npm/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$SCHEMA"
  else
    echo "install-deps: could not fetch the SARIF schema from npm; the schema test will be skipped" >&2
  fi
fi

# The peer for the lint benchmark (dockerfilelint, from npm).
if [ "$WITH_BENCH" = 1 ] && [ ! -x "$CACHE/bench/node_modules/.bin/dockerfilelint" ]; then
  mkdir -p "$CACHE/bench"
  (cd "$CACHE/bench" && npm install --silent --no-audit --no-fund dockerfilelint >/dev/null 2>&1) \
    || echo "install-deps: could not install dockerfilelint from npm" >&2
fi
exit 0
