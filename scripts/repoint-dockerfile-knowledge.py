#!/usr/bin/env python3
# Repoints files that still use src/dockerfile/knowledge.h (removed, issue 13):
# the include becomes the knowledge headers, kb::lower/basename/contains become
# text:: (core/text.h), kb::line_text becomes line_text (dockerfile/ast.h), and
# kb::real_program(X.argv) of a command-model object becomes X.exe. Idempotent.
# Usage: scripts/repoint-dockerfile-knowledge.py [FILE...]  (default: src tests bench)
import re, subprocess, sys
KH = ''.join(f'#include "{h}"\n' for h in ["knowledge/ecosystems.h", "knowledge/eol.h", "knowledge/image_ref.h",
                                            "knowledge/images.h", "knowledge/packages.h", "knowledge/programs.h",
                                            "core/text.h"])
files = sys.argv[1:] or subprocess.run(
    ["grep", "-rlE", r'dockerfile/knowledge\.h|\bkb::(lower|basename|contains|line_text)\(|kb::real_program\((c|start\.front\(\)|last|next|ep\[0\])\.argv\)',
     "src", "tests", "bench"], capture_output=True, text=True).stdout.split()
for f in files:
    s = open(f).read()
    t = s.replace('#include "dockerfile/knowledge.h"\n', KH)
    t = re.sub(r'\bkb::(lower|basename|contains)\(', r'text::\1(', t)
    t = re.sub(r'\bkb::line_text\(', 'line_text(', t)
    t = re.sub(r'kb::real_program\(((?:c|start\.front\(\)|last|next|ep\[0\]))\.argv\)', r'\1.exe', t)
    if t != s:
        open(f, "w").write(t)
        print("repointed", f)
