#!/usr/bin/env python3
"""Regenerates the generated parts of README.md from the built binary:
the rules table (drydock rules --format json) and each command's --help.
Usage: python3 scripts/gen-readme.py [build/drydock]"""
import json
import re
import subprocess
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
binary = sys.argv[1] if len(sys.argv) > 1 else str(root / "build" / "drydock")
readme = root / "README.md"
text = readme.read_text()


def block(name, body):
    global text
    pattern = re.compile(r"<!-- %s -->.*?<!-- /%s -->|<!-- %s -->" % (name, name, name), re.S)
    text = pattern.sub(lambda _: "<!-- %s -->\n%s\n<!-- /%s -->" % (name, body.strip("\n"), name), text, count=1)


rules = json.loads(subprocess.run([binary, "rules", "--format", "json"], capture_output=True, text=True,
                                  check=True).stdout)["rules"]
by_domain = {}
for r in rules:
    by_domain.setdefault(r["domain"], []).append(r)
out = ["%d rules. Aliases are the peer ids that config files and pragmas accept." % len(rules), ""]
for domain, rows in by_domain.items():
    out.append("### %s (%d)" % (domain, len(rows)))
    out.append("")
    out.append("| id | severity | category | rule | aliases |")
    out.append("|---|---|---|---|---|")
    for r in rows:
        out.append("| [%s](docs/rules/%s.md) | %s | `%s` | %s | %s |" % (
            r["id"], r["id"], r["severity"], r["category"], r["summary"].replace("|", "\\|"),
            ", ".join(r["aliases"])))
    out.append("")
block("RULES", "\n".join(out))

helps = subprocess.run([binary, "--help"], capture_output=True, text=True).stdout
names = []
in_sub = False
for line in helps.splitlines():
    if line.startswith("Subcommands:"):
        in_sub = True
        continue
    if in_sub and line.strip():
        names.append(line.split()[0])
out = []
for n in names:
    h = subprocess.run([binary, n, "--help"], capture_output=True, text=True).stdout
    out.append("### `drydock %s`\n\n```\n%s```\n" % (n, h))
block("COMMANDS", "\n".join(out))
readme.write_text(text)
print("README.md: %d rules, %d commands" % (len(rules), len(names)))
