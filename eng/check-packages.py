"""Checks that `dotnet pack` produced one package per library, each holding its README and XML docs.

Usage: check-packages.py PACKAGE_DIR ID [ID ...]
"""
import glob
import os
import sys
import zipfile


def main() -> int:
    folder, ids = sys.argv[1], sys.argv[2:]
    failures = []
    for pid in ids:
        found = [p for p in glob.glob(os.path.join(folder, f"{pid}.*.nupkg"))
                 if os.path.basename(p)[len(pid) + 1].isdigit()]
        if len(found) != 1:
            failures.append(f"{pid}: expected one .nupkg, found {len(found)}")
            continue
        with zipfile.ZipFile(found[0]) as z:
            names = set(z.namelist())
            nuspec = z.read(f"{pid}.nuspec").decode("utf-8")
        for required in ("README.md", f"lib/net10.0/{pid}.dll", f"lib/net10.0/{pid}.xml"):
            if required not in names:
                failures.append(f"{pid}: {required} missing from {os.path.basename(found[0])}")
        for element in ("<description>", "<license", "<repository", "<readme>"):
            if element not in nuspec:
                failures.append(f"{pid}: nuspec has no {element}")
    for f in failures:
        print("package check: " + f, file=sys.stderr)
    print(f"package check: {len(ids) - len({f.split(':')[0] for f in failures})} of {len(ids)} packages complete")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
