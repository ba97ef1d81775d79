#!/usr/bin/env bash
# Installs every dependency drydock needs, from Debian packages only.
# Idempotent: prints nothing and does nothing when all is present.
set -euo pipefail

PKGS=(
  build-essential cmake ninja-build pkg-config git
  libarchive-dev libisal-dev isal libzstd-dev zstd libhyperscan-dev
  nlohmann-json3-dev libyaml-cpp-dev libcurl4-openssl-dev libsqlite3-dev
  libcli11-dev libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev
  libmimalloc-dev libre2-dev node-spdx-license-ids node-spdx-exceptions shellcheck
  python3 python3-jsonschema ccache
  librsvg2-bin  # drydock metrics --svg test renders the plot
  docker.io busybox-static debootstrap
  clang-14 libclang-rt-14-dev
  golang-1.19-go golang-github-moby-patternmatcher-dev  # the .dockerignore oracle test
)

WITH_BENCH=0
for arg in "$@"; do
  case "$arg" in
    --with-bench) WITH_BENCH=1 ;;
    *) echo "install-deps: unknown option $arg" >&2; exit 2 ;;
  esac
done
[ "$WITH_BENCH" = 1 ] && PKGS+=(hyperfine time bc)
# The machine image ships Node.js with npm; Debian's npm only where it does not.
command -v npm >/dev/null 2>&1 || PKGS+=(npm)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

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
