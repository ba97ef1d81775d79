#!/usr/bin/env python3
"""Robustness and accuracy check over a folder of real-world Dockerfiles (or
compose files): lints each file on its own as docs/accuracy.md describes
(`drydock lint --no-context -f json FILE`), with a time bound, and reports
crashes, hangs, exit codes other than 0/1/2, exit 2 without exactly one
stderr line, and the findings per rule and severity. --dump FILE writes every
finding (file, line, rule, severity, message, fix) as JSON lines for review;
--baseline OLD.jsonl (an earlier --dump) prints what changed per rule and
severity, and the findings that appeared or went, to review them one by one.

  scripts/corpus-check.py [--build build] [--compose] [--dump out.jsonl] [--baseline old.jsonl] DIR...
"""
import argparse, collections, json, os, shutil, subprocess, sys, tempfile

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--build", default=os.path.join(os.path.dirname(__file__), "..", "build"))
    ap.add_argument("--compose", action="store_true", help="the files are compose files: `drydock scan` each")
    ap.add_argument("--dump")
    ap.add_argument("--baseline", help="an earlier --dump: print the changes against it")
    ap.add_argument("--timeout", type=float, default=30)
    a = ap.parse_args()
    exe = os.path.join(a.build, "drydock")
    env = dict(os.environ, DRYDOCK_TODAY=os.environ.get("DRYDOCK_TODAY", "2026-12-01"))
    files = sorted(os.path.join(r, f) for d in a.dirs for r, _, fs in os.walk(d) for f in fs)
    per = collections.Counter()
    statuses = collections.Counter()
    problems = []
    dump = open(a.dump, "w") if a.dump else None
    now = []  # (file, line, rule, severity) of every finding, for --baseline
    for path in files:
        tmp = None
        if a.compose:
            tmp = tempfile.mkdtemp(prefix="dd-compose-")
            shutil.copy(path, os.path.join(tmp, "compose.yaml"))
            argv = [exe, "scan", tmp, "-f", "json", "--fail-on", "none"]
        else:
            argv = [exe, "lint", "--no-context", "-f", "json", "--fail-on", "none", path]
        try:
            r = subprocess.run(argv, capture_output=True, text=True, timeout=a.timeout, env=env, errors="replace")
        except subprocess.TimeoutExpired:
            problems.append(f"HANG {path}")
            continue
        finally:
            if tmp:
                shutil.rmtree(tmp, ignore_errors=True)
        statuses[r.returncode] += 1
        err = [l for l in r.stderr.splitlines() if l.strip()]
        if r.returncode not in (0, 1, 2):
            problems.append(f"CRASH status {r.returncode} {path}: {r.stderr[-300:]}")
            continue
        if r.returncode == 2:
            if len(err) != 1:
                problems.append(f"EXIT2 with {len(err)} stderr lines {path}: {r.stderr[-300:]}")
            continue
        if err:
            problems.append(f"STDERR on success {path}: {err[0][:200]}")
        try:
            rep = json.loads(r.stdout)
        except ValueError:
            problems.append(f"NOT JSON {path}")
            continue
        for f in rep.get("findings", []):
            per[(f["severity"], f["rule"])] += 1
            loc = f.get("location", {})
            now.append((path, loc.get("line", 0), f["rule"], f["severity"]))
            if dump:
                dump.write(json.dumps({"file": path, "line": loc.get("line", 0), "rule": f["rule"],
                                       "severity": f["severity"], "message": f.get("message", ""),
                                       "fix": f.get("fix", "")}) + "\n")
    print(f"files: {len(files)}; exit statuses: {dict(sorted(statuses.items()))}")
    for sev in ("error", "warning", "info"):
        rows = sorted(((n, r) for (s, r), n in per.items() if s == sev), reverse=True)
        print(f"{sev}: {sum(n for n, _ in rows)}  " + ", ".join(f"{r} {n}" for n, r in rows))
    for p in problems:
        print(p)
    if a.baseline:
        old = []
        for raw in open(a.baseline, encoding="utf-8"):
            f = json.loads(raw)
            old.append((f["file"], f["line"], f["rule"], f["severity"]))
        before, after = collections.Counter(old), collections.Counter(now)
        gone, new = before - after, after - before
        delta = collections.Counter()
        for (_, _, r, s), n in new.items():
            delta[(s, r)] += n
        for (_, _, r, s), n in gone.items():
            delta[(s, r)] -= n
        print("changes against", a.baseline + ":", ", ".join(f"{r} {s} {n:+d}" for (s, r), n in sorted(delta.items()) if n) or "none")
        for k in sorted(gone.elements()):
            print("-", *k)
        for k in sorted(new.elements()):
            print("+", *k)
    return 1 if any(p.startswith(("HANG", "CRASH", "EXIT2", "NOT JSON")) for p in problems) else 0

if __name__ == "__main__":
    sys.exit(main())
