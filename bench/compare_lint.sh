#!/usr/bin/env bash
# Lints the shared Dockerfile corpus replicated to N files (default 10000)
# with drydock and with dockerfilelint (npm) on the same files in one run, and
# prints files per second, the ratio, per-file latency and peak memory.
#   bash bench/compare_lint.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-10000}
bash scripts/install-deps.sh --with-bench
bash scripts/build.sh
DFL="${XDG_CACHE_HOME:-$HOME/.cache}/drydock-deps/bench/node_modules/.bin/dockerfilelint"
[ -x "$DFL" ] || { echo "dockerfilelint is not installed" >&2; exit 2; }
CORPUS=../shared/corpus/dockerfiles
WORK=$(mktemp -d /tmp/drydock-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mapfile -t SRC < <(find "$CORPUS" -type f | sort)
i=0
while [ "$i" -lt "$N" ]; do
  for f in "${SRC[@]}"; do
    [ "$i" -ge "$N" ] && break
    cp "$f" "$WORK/$i.Dockerfile"
    i=$((i + 1))
  done
done
BYTES=$(du -sb "$WORK" | cut -f1)
echo "corpus: $N files, $((BYTES / 1024)) KiB, from ${#SRC[@]} distinct files"

# The batches of 1,000 paths, listed once so that only the linters are timed.
mkdir -p "$WORK/batches"
for batch in $(seq 0 1000 $((N - 1))); do
  last=$((batch + 999 < N - 1 ? batch + 999 : N - 1))
  for j in $(seq "$batch" "$last"); do echo "$WORK/$j.Dockerfile"; done >"$WORK/batches/$batch"
done

# Runs a linter over every batch; prints "seconds peakKiB".
measure() {
  local start end peak=0 m b files
  local lists=("$WORK"/batches/*)
  start=$(date +%s.%N)
  for b in "${lists[@]}"; do
    mapfile -t files <"$b"
    /usr/bin/time -f "%M" -o "$WORK/mem" "$@" "${files[@]}" >/dev/null 2>&1 || true
    m=$(tail -1 "$WORK/mem")
    [ "${m:-0}" -gt "$peak" ] && peak=$m
  done
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc -l) $peak"
}

read -r DD_S DD_KB < <(measure ./build/drydock lint --no-context --format json --fail-on none)
read -r DFL_S DFL_KB < <(measure "$DFL" -j)
# The floor: only opening and reading the same files, one process per batch
# with a thread per core as drydock (bench/read_floor.cpp).
read -r FLOOR_S FLOOR_KB < <(measure ./build/bench/read_floor)
printf "drydock        %8.2f s  %9.0f files/s  peak %6d KiB\n" "$DD_S" "$(echo "$N / $DD_S" | bc -l)" "$DD_KB"
printf "dockerfilelint %8.2f s  %9.0f files/s  peak %6d KiB\n" "$DFL_S" "$(echo "$N / $DFL_S" | bc -l)" "$DFL_KB"
printf "read (floor)   %8.2f s  %9.0f files/s\n" "$FLOOR_S" "$(echo "$N / $FLOOR_S" | bc -l)"
printf "ratio: drydock lints %.1fx the files per second of dockerfilelint\n" "$(echo "$DFL_S / $DD_S" | bc -l)"
printf "floor: dockerfilelint takes %.0fx the time of reading the files, drydock %.1fx\n" \
  "$(echo "$DFL_S / $FLOOR_S" | bc -l)" "$(echo "$DD_S / $FLOOR_S" | bc -l)"

# Per-file latency: one typical file, process start included.
ONE="$WORK/0.Dockerfile"
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine -N -i --warmup 3 --runs 30 --export-json "$WORK/h.json" \
    "./build/drydock lint --no-context --fail-on none $ONE" "$DFL $ONE" >/dev/null 2>&1 || true
  /usr/bin/python3 - "$WORK/h.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(f"per-file latency  {r['mean']*1000:8.2f} ms ± {r['stddev']*1000:.2f}  {r['command'].split()[0]}")
PY
fi
