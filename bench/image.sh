#!/usr/bin/env bash
# drydock image performance (issue 14 item 7). Not a test: prints figures.
#  1. a real gzip OCI image (>= 300 MB compressed): full analysis vs
#     `igzip -dc` and `gzip -dc` over the same layer blobs;
#  2. an uncompressed docker save archive from the page cache: GB/s;
#  3. peak RSS on a generated image of >= 3 GB.
# Usage: bench/image.sh [BUILD_DIR]   (needs the local engine and skopeo)
set -euo pipefail
BUILD=${1:-build}
DD=$(realpath "$BUILD/drydock")
W=${BENCH_DIR:-/tmp/drydock-image-bench}
mkdir -p "$W"
cd "$W"

# 1. A real image: Debian with compilers (the test image) plus two copies of
#    its /usr, exported as an OCI layout with gzip layers by skopeo.
if [ ! -d oci ]; then
  docker image inspect drydock-test/image-dirty:1 >/dev/null 2>&1 || {
    echo "build the test images first: build/tests/test_image --gtest_filter=ImageReal.DirtyImage*" >&2; exit 2; }
  mkdir -p ctx
  printf 'FROM drydock-test/image-dirty:1\nRUN cp -a /usr /opt/u1 && cp -a /usr /opt/u2\n' > ctx/Dockerfile
  docker build -q -t drydock-test/image-bench:1 ctx >/dev/null
  docker save drydock-test/image-bench:1 -o bench.tar
  skopeo copy -q docker-archive:bench.tar oci:oci:latest
fi
blobs=$(python3 - <<'PY'
import json
ix = json.load(open("oci/index.json"))
m = json.load(open("oci/blobs/" + ix["manifests"][0]["digest"].replace(":", "/")))
print(" ".join("oci/blobs/" + l["digest"].replace(":", "/") for l in m["layers"]))
PY
)
comp=$(du -cb $blobs | tail -1 | cut -f1)
echo "gzip OCI image: $((comp / 1000000)) MB compressed in $(echo $blobs | wc -w) layers"
cat $blobs > /dev/null  # page cache
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); echo "$e - $s" | bc; }
best() { local b=999999 x; for i in 1 2 3; do x=$(t "$@"); b=$(echo "if ($x < $b) $x else $b" | bc); done; echo "$b"; }
# CPU seconds (user+sys) and peak RSS of one run: the figure that holds on a
# loaded machine, where wall time measures the neighbours.
cpu() { /usr/bin/time -f "%U %S %M" -o cpu.txt "$@" >/dev/null; awk '{printf "%.2f CPU-s, peak %d MB", $1 + $2, $3 / 1024}' cpu.txt; }
echo "load: $(uptime | sed 's/.*load average: //')"
ti=$(best sh -c "for b in $blobs; do igzip -dc < \$b; done")
tg=$(best sh -c "for b in $blobs; do gzip -dc < \$b; done")
td=$(best "$DD" image oci --format json --fail-on none)
echo "  igzip -dc:            ${ti}s"
echo "  gzip -dc:             ${tg}s"
echo "  drydock image (all):  ${td}s   ratio to igzip $(echo "scale=2; $td / $ti" | bc), gzip/drydock $(echo "scale=2; $tg / $td" | bc)"
echo "  CPU: igzip $(cpu sh -c "for b in $blobs; do igzip -dc < \$b; done"); gzip $(cpu sh -c "for b in $blobs; do gzip -dc < \$b; done"); drydock $(cpu "$DD" image oci --format json --fail-on none)"

# 2. Uncompressed docker save from the page cache.
size=$(stat -c %s bench.tar)
cat bench.tar > /dev/null
tu=$(best "$DD" image bench.tar --format json --fail-on none)
echo "docker save archive: $((size / 1000000)) MB in ${tu}s = $(echo "scale=2; $size / $tu / 1000000000" | bc) GB/s; $(cpu "$DD" image bench.tar --format json --fail-on none)"

# 3. Peak RSS on a generated 3 GB image (30 files of 100 MB in 2 layers,
#    plus 200k small files), a docker save archive written by tar.
if [ ! -f big.tar ]; then
  rm -rf gen && mkdir -p gen/l1/data gen/l2/data gen/l3/small
  for i in $(seq 1 12); do head -c 100000000 /dev/urandom > gen/l1/data/f$i; done
  for i in $(seq 1 18); do head -c 100000000 /dev/urandom > gen/l2/data/g$i; done
  (cd gen/l3/small && for d in $(seq 1 200); do mkdir $d; (cd $d && for f in $(seq 1 1000); do echo $f > $f; done); done)
  for l in l1 l2 l3; do tar -C gen/$l -cf gen/$l.tar .; done
  python3 - <<'PY'
import hashlib, json
ids = []
for l in ["l1", "l2", "l3"]:
    h = hashlib.sha256()
    with open(f"gen/{l}.tar", "rb") as f:
        for c in iter(lambda: f.read(1 << 20), b""): h.update(c)
    ids.append("sha256:" + h.hexdigest())
cfg = {"architecture": "amd64", "os": "linux", "created": "2099-01-01T00:00:00Z",
       "config": {"User": "1000"}, "rootfs": {"type": "layers", "diff_ids": ids},
       "history": [{"created_by": f"COPY {l}"} for l in ["l1", "l2", "l3"]]}
open("gen/config.json", "w").write(json.dumps(cfg))
open("gen/manifest.json", "w").write(json.dumps([{"Config": "config.json", "RepoTags": ["big:1"],
    "Layers": ["l1.tar", "l2.tar", "l3.tar"]}]))
PY
  tar -C gen -cf big.tar manifest.json config.json l1.tar l2.tar l3.tar
  rm -rf gen
fi
bs=$(stat -c %s big.tar)
/usr/bin/time -f "%M %e" -o rss.txt "$DD" image big.tar --format json --fail-on none > /dev/null
read -r rss secs < rss.txt
echo "generated image: $((bs / 1000000)) MB, 200k small files: peak RSS $((rss / 1024)) MB in ${secs}s"
echo "load: $(uptime | sed 's/.*load average: //')"
