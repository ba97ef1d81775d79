#!/usr/bin/env python3
"""Repoints the includes of every file that includes an umbrella header
(dockerfile/rules/rule_util.h, incident_util.h) to the subject headers whose
declarations it uses, then deletes the umbrellas. Touches only include lines.
Over-inclusion is harmless; a missing include is a compile error (a name the
umbrella brought in through a subject header's own includes: stages.h,
command.h, secrets.h), fixed by hand, so build dd_dockerfile_rules after
running it. Safe to run again (after a merge)."""
import pathlib, re, sys

root = pathlib.Path(__file__).resolve().parent.parent
rules = root / "src/dockerfile/rules"
umbrellas = {"dockerfile/rules/rule_util.h", "dockerfile/rules/incident_util.h"}

# What the umbrellas held (kept here so the script still runs after they are
# deleted, e.g. on a branch merged later that still includes one).
MEMBERS = {
    "dockerfile/rules/rule_util.h": ["dockerfile/rule.h", "dockerfile/rules/commands.h", "dockerfile/rules/ports.h",
                                     "dockerfile/rules/redaction.h", "dockerfile/rules/stage_refs.h",
                                     "dockerfile/rules/variables.h", "dockerfile/rules/words.h"],
    "dockerfile/rules/incident_util.h": ["dockerfile/rules/base_image.h", "dockerfile/rules/copies.h",
                                         "dockerfile/rules/instructions.h", "dockerfile/rules/ports.h",
                                         "dockerfile/rules/redaction.h", "dockerfile/rules/start_command.h",
                                         "dockerfile/rules/variables.h"],
}

def members(umbrella):
    return MEMBERS[umbrella]

decl = re.compile(r'^\s*(?:inline\s+|static\s+|constexpr\s+)*(?:using\s+(?:[\w:]+::)?(\w+)\s*[;=]|struct\s+(\w+)|class\s+(\w+)'
                  r'|[\w:<>,\*&\s]+?\b(\w+)\s*\()', re.M)

def names(header):
    text = (root / "src" / header).read_text()
    text = re.sub(r'//.*', '', text)
    out = set()
    for m in decl.finditer(text):
        n = next((g for g in m.groups() if g), None)
        if n and n not in {"if", "for", "while", "return", "switch", "sizeof", "static_cast", "operator"}:
            out.add(n)
    return out

subjects = {}
for u in umbrellas:
    for h in members(u):
        if h not in umbrellas and h.startswith("dockerfile/rules/"):
            subjects[h] = names(h)

changed = []
files = [p for d in ("src", "tests", "bench", "fuzz") for ext in ("*.cpp", "*.h") for p in (root / d).rglob(ext)]
for f in sorted(files):
    text = f.read_text()
    used_umbrellas = [u for u in umbrellas if f'#include "{u}"' in text]
    own = str(f.relative_to(root / "src")) if f.is_relative_to(root / "src") else ""
    if not used_umbrellas or own in umbrellas:
        continue
    body = re.sub(r'//.*', '', text)
    want = set()
    for u in used_umbrellas:
        for h in members(u):
            if h == "dockerfile/rules/rule.h" or not h.startswith("dockerfile/rules/"):
                want.add(h)  # the rule interface the umbrella always gave
                continue
            # A header passes what it included on to its includers: it keeps
            # every subject; a .cpp gets the ones it names.
            if f.suffix == ".h" or any(re.search(r'\b' + re.escape(n) + r'\b', body) for n in subjects.get(h, ())):
                want.add(h)
    if f.suffix == ".cpp" and "class " in body and ": public Rule" in body:
        want.add("dockerfile/rule.h")
    want.discard(own)
    lines = text.split("\n")
    out, placed = [], False
    existing = set(re.findall(r'#include "([^"]+)"', text))
    for line in lines:
        m = re.match(r'#include "([^"]+)"', line)
        if m and m.group(1) in umbrellas:
            if not placed:
                for h in sorted(want - existing):
                    out.append(f'#include "{h}"')
                placed = True
            continue
        out.append(line)
    new = "\n".join(out)
    if new != text:
        f.write_text(new)
        changed.append(str(f.relative_to(root)))

for u in umbrellas:
    (root / "src" / u).unlink(missing_ok=True)
print("\n".join(changed))
print(f"{len(changed)} files repointed; umbrellas deleted", file=sys.stderr)
