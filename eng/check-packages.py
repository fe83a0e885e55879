"""Checks what `dotnet pack` produced: one package per library, each holding its README and XML docs, and a symbol
package whose PDB carries SourceLink to the repository and no path of the machine that built it.

Usage: check-packages.py PACKAGE_DIR --src SRC_DIR     (the libraries: every packable SRC_DIR/*/*.csproj)
       check-packages.py PACKAGE_DIR ID [ID ...]
"""
import glob
import json
import os
import re
import struct
import sys
import zipfile

# Dependencies a package must not pull into a consumer: Stoa.Basc stays headless (its plots are Stoa.Basc.Plots).
FORBIDDEN_DEPENDENCIES = {"Stoa.Basc": ("ScottPlot", "SkiaSharp", "HarfBuzzSharp")}
# Build machines' paths: a PDB built with ContinuousIntegrationBuild names its sources /_/...
LOCAL_PATH = re.compile(r"^(/work|/tmp|/root|/home|[A-Za-z]:\\)")


def packable_projects(src: str) -> list[str]:
    """The package ids of src/*/*.csproj that do not opt out with IsPackable false."""
    ids = []
    for proj in sorted(glob.glob(os.path.join(src, "*", "*.csproj"))):
        with open(proj, encoding="utf-8") as f:
            text = f.read()
        if re.search(r"<IsPackable>\s*false\s*</IsPackable>", text, re.IGNORECASE):
            continue
        m = re.search(r"<PackageId>([^<]+)</PackageId>", text)
        ids.append(m.group(1).strip() if m else os.path.splitext(os.path.basename(proj))[0])
    return ids


def compressed_uint(data: bytes, at: int) -> tuple[int, int]:
    """ECMA-335 II.23.2 compressed unsigned integer at `at`: (value, next offset)."""
    b = data[at]
    if b & 0x80 == 0:
        return b, at + 1
    if b & 0xC0 == 0x80:
        return ((b & 0x3F) << 8) | data[at + 1], at + 2
    return ((b & 0x1F) << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3], at + 4


def pdb_documents(pdb: bytes) -> list[str]:
    """The source paths of a portable PDB's Document table (Portable PDB spec, Document table 0x30)."""
    if pdb[:4] != b"BSJB":
        raise ValueError("not a portable PDB")
    version_length = struct.unpack_from("<I", pdb, 12)[0]
    at = 16 + version_length + 2
    count = struct.unpack_from("<H", pdb, at)[0]
    at += 2
    streams = {}
    for _ in range(count):
        offset, size = struct.unpack_from("<II", pdb, at)
        at += 8
        end = pdb.index(b"\0", at)
        streams[pdb[at:end].decode("ascii")] = (offset, size)
        at = (end + 4) & ~3
    blob_offset = streams["#Blob"][0]

    def blob(index: int) -> bytes:
        length, start = compressed_uint(pdb, blob_offset + index)
        return pdb[start:start + length]

    tables = streams["#~"][0]
    heap_sizes = pdb[tables + 6]
    valid = struct.unpack_from("<Q", pdb, tables + 8)[0]
    at = tables + 24
    rows = {}
    for table in range(64):
        if valid >> table & 1:
            rows[table] = struct.unpack_from("<I", pdb, at)[0]
            at += 4
    if any(t < 0x30 for t in rows):
        raise ValueError("type-system tables in a standalone PDB")
    guid_size = 4 if heap_sizes & 2 else 2
    blob_size = 4 if heap_sizes & 4 else 2
    unpack = {2: "<H", 4: "<I"}
    documents = []
    for _ in range(rows.get(0x30, 0)):  # Document: Name (blob), HashAlgorithm (guid), Hash (blob), Language (guid)
        name_index = struct.unpack_from(unpack[blob_size], pdb, at)[0]
        at += 2 * blob_size + 2 * guid_size
        name = blob(name_index)
        separator = name[:1].decode("utf-8")
        parts, i = [], 1
        while i < len(name):
            part, i = compressed_uint(name, i)
            parts.append(blob(part).decode("utf-8") if part else "")
        documents.append(separator.join(parts))
    return documents


def check_symbols(pid: str, snupkg: str, failures: list[str]) -> None:
    with zipfile.ZipFile(snupkg) as z:
        pdb_name = f"lib/net10.0/{pid}.pdb"
        if pdb_name not in z.namelist():
            failures.append(f"{pid}: {pdb_name} missing from {os.path.basename(snupkg)}")
            return
        pdb = z.read(pdb_name)
    # The SourceLink custom debug information is a JSON blob {"documents": {"/_/*": "https://.../<commit>/*"}}.
    m = re.search(rb'\{"documents":\{[^}]*\}\}', pdb)
    if not m:
        failures.append(f"{pid}: the PDB has no SourceLink")
    else:
        mapping = json.loads(m.group(0))["documents"]
        if not mapping or not all(re.match(r"https://\S+/[0-9a-f]{40}/\*$", url) for url in mapping.values()):
            failures.append(f"{pid}: the PDB's SourceLink maps to no commit of a repository: {mapping}")
    local = [d for d in pdb_documents(pdb) if LOCAL_PATH.match(d)]
    if local:
        failures.append(f"{pid}: the PDB names {len(local)} local paths, e.g. {local[0]} (build with CI=true)")


def main() -> int:
    folder, rest = sys.argv[1], sys.argv[2:]
    ids = packable_projects(rest[1]) if rest[:1] == ["--src"] else rest
    if not ids:
        print("package check: no packages to check", file=sys.stderr)
        return 1
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
            dll = z.read(f"lib/net10.0/{pid}.dll") if f"lib/net10.0/{pid}.dll" in names else b""
        for required in ("README.md", f"lib/net10.0/{pid}.dll", f"lib/net10.0/{pid}.xml"):
            if required not in names:
                failures.append(f"{pid}: {required} missing from {os.path.basename(found[0])}")
        for element in ("<description>", "<license", "<repository", "<readme>"):
            if element not in nuspec:
                failures.append(f"{pid}: nuspec has no {element}")
        for dependency in FORBIDDEN_DEPENDENCIES.get(pid, ()):
            if re.search(rf'<dependency id="{re.escape(dependency)}[".]', nuspec):
                failures.append(f"{pid}: depends on {dependency}, which a headless consumer must not get")
        # The DLL's debug directory names its PDB: /_/... when built deterministically for CI.
        if re.search(rb"(/work|/tmp|/root|/home)/[^\0]*\.pdb", dll):
            failures.append(f"{pid}: the DLL names its PDB by a local path (build with CI=true)")
        snupkg = found[0][:-len(".nupkg")] + ".snupkg"
        if not os.path.exists(snupkg):
            failures.append(f"{pid}: no symbol package {os.path.basename(snupkg)}")
        else:
            check_symbols(pid, snupkg, failures)
    for f in failures:
        print("package check: " + f, file=sys.stderr)
    print(f"package check: {len(ids) - len({f.split(':')[0] for f in failures})} of {len(ids)} packages complete"
          f" ({', '.join(ids)})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
