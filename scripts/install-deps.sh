#!/usr/bin/env bash
# Installs every dependency drydock needs, from Debian packages only.
# Idempotent: prints nothing and does nothing when all is present.
set -euo pipefail

PKGS=(
  build-essential cmake ninja-build pkg-config git
  libarchive-dev libisal-dev isal libzstd-dev zstd libhyperscan-dev
  nlohmann-json3-dev libyaml-cpp-dev libcurl4-openssl-dev libsqlite3-dev
  libcli11-dev libfmt-dev libgtest-dev libgmock-dev libbenchmark-dev
  python3 python3-jsonschema ccache
  docker.io busybox-static debootstrap
  clang-14 libclang-rt-14-dev
)

missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
