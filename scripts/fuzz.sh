#!/usr/bin/env bash
# Builds the libFuzzer targets (clang-14, ASan + UBSan) and runs each for
# RUNS iterations (default 10 million), seeded from the shared corpus.
#   bash scripts/fuzz.sh [RUNS] [TARGET...]
#   MAX_TIME=60 bash scripts/fuzz.sh -1 fuzz_k8s_manifest   (60 s each; RUNS -1 is no limit)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-10000000}
shift || true
bash scripts/install-deps.sh --test
if [ ! -f build-fuzz/build.ninja ]; then
  CC=clang-14 CXX=clang++-14 cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DDRYDOCK_FUZZ=ON -DDRYDOCK_TESTS=OFF -DDRYDOCK_BENCH=OFF >/dev/null
fi
if [ $# -gt 0 ]; then
  ninja -C build-fuzz "$@" >/dev/null
else
  ninja -C build-fuzz $(cd fuzz && ls *.cpp | sed "s/\.cpp$//") >/dev/null
fi
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && mapfile -t TARGETS < <(cd fuzz && ls *.cpp | sed 's/\.cpp$//')
SEEDS=$(mktemp -d)
trap 'rm -rf "$SEEDS"' EXIT
mkdir -p "$SEEDS/dockerfile" "$SEEDS/shell" "$SEEDS/ignore" "$SEEDS/inspect" "$SEEDS/platform" "$SEEDS/yaml" \
  "$SEEDS/describe" "$SEEDS/events" "$SEEDS/k8s"
# Manifests for the manifest loader: the test fixtures and the shared corpus.
cp tests/k8s/fixtures/* "$SEEDS/k8s/" 2>/dev/null || true
find ../shared/corpus/k8s -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) 2>/dev/null | head -300 |
  while read -r f; do cp "$f" "$SEEDS/k8s/$(echo "$f" | tr / _)"; done
cp tests/fixtures/k8s/*describe*.txt "$SEEDS/describe/" 2>/dev/null || true
cp tests/fixtures/k8s/*.json tests/fixtures/k8s/*.yaml "$SEEDS/events/" 2>/dev/null || true
cp ../shared/corpus/dockerfiles/*/* "$SEEDS/dockerfile/" 2>/dev/null || true
grep -h '^RUN ' ../shared/corpus/dockerfiles/*/* 2>/dev/null | head -500 | split -l 1 - "$SEEDS/shell/s" || true
printf '*.md\n!README.md\n**/*.pem\n/a/../b\n\0a/b.md\n' > "$SEEDS/ignore/seed1"
# Saved docker inspect output with its logs after a NUL, as the target splits it.
for j in tests/fixtures/runtime/*.json; do
  { cat "$j"; printf '\0'; cat "${j%.json}.log" 2>/dev/null || true; } >"$SEEDS/inspect/$(basename "$j")"
done
find examples tests -name 'compose*.y*ml' -o -name 'docker-compose*.y*ml' -o -name '.drydock.yaml' -o -name '.hadolint.yaml' |
  head -50 | while read -r f; do cp "$f" "$SEEDS/yaml/$(echo "$f" | tr / _)"; done
printf 'services:\n  web:\n    image: nginx:latest\n    environment:\n      DB_PASSWORD: hunter2\n' >"$SEEDS/yaml/c1"
printf 'ignore: [DL3008]\nseverity: {DD2001: error}\nlocal_images: true\nplatform: linux/arm64\n' >"$SEEDS/yaml/d1"
# ELF heads of host binaries and package-database files (first byte: the
# fuzz target's selector).
mkdir -p "$SEEDS/elf" "$SEEDS/pkgdb"
{ printf '\x05'; head -c 3000 /usr/bin/ls; } >"$SEEDS/elf/ls"
{ printf '\x00'; head -c 3000 /var/lib/dpkg/status; } >"$SEEDS/pkgdb/dpkg"
{ printf '\x09'; head -c 3000 /usr/share/doc/bash/copyright; } >"$SEEDS/pkgdb/copyright"
printf '\x01P:musl\nV:1.2.4-r2\nA:x86_64\nL:MIT\no:musl\n\n' >"$SEEDS/pkgdb/apk"
{ printf '\x05'; head -c 3000 /usr/share/nodejs/spdx-license-ids/package.json; } >"$SEEDS/pkgdb/npm"
# Layer tars (first byte: the chunk size of the bare reader) and manifests
# (manifest.json NUL index.json NUL config), small real ones.
mkdir -p "$SEEDS/tar" "$SEEDS/manifest"
tdir=$(mktemp -d)
mkdir -p "$tdir/etc/sub" && echo 'ID=debian' >"$tdir/etc/os-release" && ln -s os-release "$tdir/etc/link" &&
  : >"$tdir/etc/sub/.wh.gone" && : >"$tdir/etc/sub/.wh..wh..opq"
{ printf '\x07'; tar cf - -C "$tdir" etc; } >"$SEEDS/tar/t1"
{ printf '\x03'; tar --format=pax -cf - -C "$tdir" etc | gzip -1; } >"$SEEDS/tar/t2"
# An export as the engine streams it: a layer folder, the config, then
# manifest.json (first byte: the chunk size).
mkdir -p "$SEEDS/export" "$tdir/x/l1"
tar cf "$tdir/x/l1/layer.tar" -C "$tdir" etc
printf '{"architecture":"amd64","os":"linux","config":{"User":"app"},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created_by":"/bin/sh -c x"}]}' \
  "$(sha256sum "$tdir/x/l1/layer.tar" | cut -d' ' -f1)" >"$tdir/x/c.json"
printf '[{"Config":"c.json","RepoTags":["a:1"],"Layers":["l1/layer.tar"]}]' >"$tdir/x/manifest.json"
{ printf '\x05'; tar cf - -C "$tdir/x" l1 c.json manifest.json; } >"$SEEDS/export/e1"
rm -rf "$tdir"
printf '[{"Config":"config.json","RepoTags":["a:1"],"Layers":["l/layer.tar"]}]\0{"schemaVersion":2,"manifests":[]}\0{"architecture":"amd64","os":"linux","config":{"User":"app","Env":["A=1"]},"rootfs":{"type":"layers","diff_ids":[]},"history":[{"created_by":"/bin/sh -c x"}]}' >"$SEEDS/manifest/m1"
printf 'linux/amd64,linux/arm64/v8' >"$SEEDS/platform/p1"
# Metrics: a Prometheus matrix and a CSV.
mkdir -p "$SEEDS/metrics"
printf '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"container_memory_working_set_bytes","pod":"p","container":"c"},"values":[[1700000000,"1e6"],[1700000015,"1.5e6"]]}]}}' >"$SEEDS/metrics/m1"
printf 'timestamp,value,series\n1700000000,100,a\n1700000015,120,a\n' >"$SEEDS/metrics/m2"
printf 'linux/arm/v6, windows/amd64' >"$SEEDS/platform/p2"
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1
for t in "${TARGETS[@]}"; do
  case "$t" in
    *shell*) seed="$SEEDS/shell" ;;
    *ignore*) seed="$SEEDS/ignore" ;;
    *inspect*) seed="$SEEDS/inspect" ;;
    *describe*) seed="$SEEDS/describe" ;;
    *k8s_manifest*) seed="$SEEDS/k8s" ;;
    *events*) seed="$SEEDS/events" ;;
    *platform*) seed="$SEEDS/platform" ;;
    *yaml*) seed="$SEEDS/yaml" ;;
    *elf*) seed="$SEEDS/elf" ;;
    *pkgdb*) seed="$SEEDS/pkgdb" ;;
    *image_tar*) seed="$SEEDS/tar" ;;
    *image_export*) seed="$SEEDS/export" ;;
    *image_manifest*) seed="$SEEDS/manifest" ;;
    *metrics*) seed="$SEEDS/metrics" ;;
    *) seed="$SEEDS/dockerfile" ;;
  esac
  # The corpus is kept between runs, so a later run starts from the coverage
  # an earlier one reached.
  work=build-fuzz/corpus-$t
  mkdir -p "$work"
  cp -n "$seed"/* "$work/" 2>/dev/null || true
  start=$(date +%s)
  rc=0
  # MAX_TIME=60 runs each target for 60 s instead of RUNS iterations.
  ./build-fuzz/fuzz/"$t" -runs="$RUNS" ${MAX_TIME:+-max_total_time=$MAX_TIME} -max_len="${MAX_LEN:-4096}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    "$work" >"build-fuzz/$t.log" 2>&1 || rc=$?
  end=$(date +%s)
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "build-fuzz/$t.log" | awk '{print $2}')
  echo "$t: exit $rc, ${execs:-?} executions in $((end - start)) s (log build-fuzz/$t.log)"
done
