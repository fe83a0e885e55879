"""Reads a Stoa export back with astropy and prints what it found as JSON (used by the C# tests).

usage: readback.py fits PATH | votable PATH | separation JSON-FILE
"""
import json
import math
import sys

import numpy as np


def plain(v):
    """A JSON-safe value: masked -> None, NaN -> "NaN", bytes -> str, numpy scalars and arrays -> Python."""
    if v is None or v is np.ma.masked:
        return None
    if isinstance(v, np.ma.MaskedArray):
        return [plain(x) for x in v.tolist()]
    if isinstance(v, np.ndarray):
        return [plain(x) for x in v.tolist()]
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    if isinstance(v, (bytes, np.bytes_)):
        v = v.decode("ascii")
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and math.isnan(v):
        return "NaN"
    return v


def columns(table, ucd_of):
    out = []
    for i, name in enumerate(table.colnames):
        c = table[name]
        values = c.tolist() if isinstance(c, np.ma.MaskedArray) else [c[k] for k in range(len(c))]
        mask = np.ma.getmaskarray(c)
        out.append({
            "name": name,
            "dtype": str(c.dtype),
            "shape": list(c.shape[1:]),
            "unit": None if c.unit is None else c.unit.to_string(),
            "ucd": ucd_of(i, c),
            "values": [plain(v) for v in values],
            "masked": [bool(np.any(m)) for m in mask],
        })
    return out


def read_fits(path):
    from astropy.io import fits
    from astropy.table import Table
    table = Table.read(path)
    header = fits.getheader(path, 1)
    return {
        "extname": header.get("EXTNAME"),
        "columns": columns(table, lambda i, c: header.get("TUCD%d" % (i + 1))),
    }


def read_votable(path):
    from astropy.io.votable import parse
    from astropy.table import Table
    votable = parse(path, verify="exception")
    vt = votable.get_first_table()
    fields = {f.name: f for f in vt.fields}
    parsed = columns(vt.to_table(use_names_over_ids=True), lambda i, c: vt.fields[i].ucd)
    for col in parsed:
        f = fields[col["name"]]
        col["datatype"] = f.datatype
        col["arraysize"] = f.arraysize
        col["description"] = f.description
    via_table = columns(Table.read(path, format="votable"), lambda i, c: c.meta.get("ucd"))
    return {
        "version": votable.version,
        "table": vt.name,
        "columns": parsed,
        "table_read": via_table,
    }


def separations(path):
    from astropy import units as u
    from astropy.coordinates import SkyCoord
    with open(path) as f:
        pairs = json.load(f)
    a = SkyCoord([p[0] for p in pairs] * u.deg, [p[1] for p in pairs] * u.deg)
    b = SkyCoord([p[2] for p in pairs] * u.deg, [p[3] for p in pairs] * u.deg)
    return [float(x) for x in a.separation(b).deg]


if __name__ == "__main__":
    mode, path = sys.argv[1], sys.argv[2]
    result = {"fits": read_fits, "votable": read_votable, "separation": separations}[mode](path)
    json.dump(result, sys.stdout)
