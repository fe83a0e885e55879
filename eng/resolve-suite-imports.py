#!/usr/bin/env python3
"""Mirrors a CWL conformance suite with `output: {$import: FILE}` resolved, as cwltest reads it.

The official runner (cwltest, through schema-salad) replaces an `$import` in a test's expected output with the
imported document; the shared harness compares against the literal map, so such a test (v1.2: cwloutput_nolimit)
would fail whatever the runner produced. This writes DST with every index file that has one rewritten (the
imported JSON inlined, JSON being YAML) and everything else linked to SRC, so paths inside the suite still hold.
Usage: resolve-suite-imports.py SRC_SUITE_DIR DST_DIR   (prints DST's conformance_tests.yaml)
"""
import json
import os
import re
import shutil
import sys

IMPORT = re.compile(r"^(\s*output:\s*)\{\s*\$import:\s*([^}\s]+)\s*\}\s*$", re.M)

src, dst = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
rewrites = {}
for folder, _, files in os.walk(src):
    for name in files:
        if name.endswith((".yaml", ".yml")):
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                text = f.read()
            if IMPORT.search(text):
                def inline(m, folder=folder):
                    with open(os.path.join(folder, m.group(2)), encoding="utf-8") as f:
                        return m.group(1) + json.dumps(json.load(f))
                rewrites[path] = IMPORT.sub(inline, text)


def mirror(s_dir, d_dir):
    os.makedirs(d_dir, exist_ok=True)
    for entry in sorted(os.listdir(s_dir)):
        s, d = os.path.join(s_dir, entry), os.path.join(d_dir, entry)
        if s in rewrites:
            with open(d, "w", encoding="utf-8") as f:
                f.write(rewrites[s])
        elif any(p.startswith(s + os.sep) for p in rewrites):
            mirror(s, d)
        else:
            os.symlink(s, d)


if os.path.exists(dst):
    shutil.rmtree(dst)
mirror(src, dst)
print(os.path.join(dst, "conformance_tests.yaml"))
