#!/usr/bin/env python3
"""Compares a conformance run (the harness's --json) with the known-failures list.

Exit 1 when a test not on the list failed, or a listed test passed (the list must then be updated).
With --update, rewrites the list from the run, keeping the reason comments of entries that remain.
List format: one test id per line, `id  # reason`; blank lines and lines starting with # are ignored.
"""
import json
import sys


def main(argv):
    if len(argv) < 3:
        print("usage: compare-conformance.py RESULTS.json KNOWN.txt [--update]", file=sys.stderr)
        return 2
    results_path, known_path = argv[1], argv[2]
    update = "--update" in argv[3:]
    with open(results_path, encoding="utf-8") as f:
        data = json.load(f)
    tests = data.get("tests") or data.get("results") or []
    status = {}
    for t in tests:
        status[t["id"]] = t["status"]
    known = {}
    try:
        with open(known_path, encoding="utf-8") as f:
            for line in f:
                s = line.strip()
                if not s or s.startswith("#"):
                    continue
                tid, _, reason = s.partition("#")
                known[tid.strip()] = reason.strip()
    except FileNotFoundError:
        pass
    ran = {k: v for k, v in status.items() if v != "skip"}
    failed = sorted(k for k, v in ran.items() if v != "pass")
    passed = sorted(k for k, v in ran.items() if v == "pass")
    new_failures = [k for k in failed if k not in known]
    now_passing = [k for k in passed if k in known]
    print(f"conformance: {len(passed)} passed, {len(failed)} failed of {len(ran)} run "
          f"({len(known)} known failures listed)")
    if update:
        with open(known_path, "w", encoding="utf-8") as f:
            f.write("# CWL v1.2 conformance tests that `stoa cwl run` fails today, with the reason.\n")
            f.write("# eng/cwl-conformance.sh fails when a test not listed here fails or a listed test passes.\n")
            for k in failed:
                reason = known.get(k) or "not yet analysed"
                f.write(f"{k}  # {reason}\n")
        print(f"updated {known_path}")
        return 0
    for k in new_failures:
        print(f"NEW FAILURE: {k} ({status[k]})")
    for k in now_passing:
        print(f"NOW PASSING (remove from the known-failures list): {k}")
    return 1 if new_failures or now_passing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
