#!/usr/bin/env bash
# Regenerates tests/corpus/dockerfiles.expected, the reviewed findings of
# `drydock lint --no-context` over the shared real-world corpus
# (../shared/corpus/dockerfiles), which tests/corpus/corpus_regression_test.cpp
# compares against. Review every changed line (git diff) before committing:
# each recorded finding must be right (a true finding or a deliberate info).
# A "# ..." note after a line is a review verdict; it is kept while the line
# stays. Usage: scripts/update-corpus-expected.sh [BUILD_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build}"
corpus="${DRYDOCK_SHARED_DIR:-$here/../shared}/corpus/dockerfiles"
expected="$here/tests/corpus/dockerfiles.expected"
# The date the end-of-life verdicts are computed for: fixed, so that the
# expected output does not change when a release reaches its end of life.
today="$( (sed -n "s/^# today: *//p" "$expected" 2>/dev/null || true) | head -n1)"
today="${today:-2026-12-01}"
[ -x "$build/drydock" ] || { echo "update-corpus-expected: no $build/drydock (build it first)" >&2; exit 2; }
[ -d "$corpus" ] || { echo "update-corpus-expected: no corpus at $corpus" >&2; exit 2; }
mapfile -t files < <(cd "$corpus" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
status=0
(cd "$corpus" && DRYDOCK_TODAY="$today" "$build/drydock" lint --no-context --fail-on none -f json "${files[@]}") >"$out" || status=$?
[ "$status" -eq 0 ] || { echo "update-corpus-expected: drydock lint exited $status" >&2; exit 2; }
python3 - "$out" "$expected" "$today" <<'PY'
import json, sys
out, expected, today = sys.argv[1:4]
notes = {}
try:
    for raw in open(expected, encoding="utf-8"):
        raw = raw.rstrip("\n")
        if raw.startswith("#") or "  # " not in raw:
            continue
        key, note = raw.split("  # ", 1)
        notes.setdefault(key.strip(), note)
except FileNotFoundError:
    pass
rows = []
for f in json.load(open(out, encoding="utf-8"))["findings"]:
    loc = f.get("location", {})
    rows.append((loc.get("file", ""), int(loc.get("line", 0)), f["rule"], f["severity"]))
rows.sort()
with open(expected, "w", encoding="utf-8") as w:
    w.write("# Reviewed findings of `drydock lint --no-context` on ../shared/corpus/dockerfiles\n")
    w.write("# (FILE:LINE RULE SEVERITY, sorted). Regenerate with scripts/update-corpus-expected.sh\n")
    w.write("# and review the diff; a note after '  # ' records a verdict and is kept. A line without a\n")
    w.write("# note was reviewed as a true finding or a deliberate info (docs/accuracy.md).\n")
    w.write(f"# today: {today}\n")
    for file, line, rule, sev in rows:
        key = f"{file}:{line} {rule} {sev}"
        w.write(key + (f"  # {notes[key]}" if key in notes else "") + "\n")
print(f"update-corpus-expected: {len(rows)} findings written to {expected}")
PY
