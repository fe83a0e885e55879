#!/usr/bin/python3
"""Prints as JSON what astropy reads from a FITS binary table or a VOTable (validated with verify='exception'):
{"columns": [{"name", "unit", "ucd"}], "rows": [{column: value or null}]}. Run with Debian's /usr/bin/python3."""
import json
import sys

import numpy as np
from astropy.io.votable import parse
from astropy.table import Table


def plain(value):
    if isinstance(value, np.ndarray):
        return [plain(v) for v in value.tolist()]
    if isinstance(value, (np.generic,)):
        value = value.item()
    if isinstance(value, bytes):
        value = value.decode("utf-8")
    if isinstance(value, float) and value != value:
        return None
    return value


path = sys.argv[1]
if path.endswith((".vot", ".votable", ".xml")):
    source = parse(path, verify="exception").get_first_table()
    ucds = {f.name: f.ucd for f in source.fields}
    table = source.to_table()
else:
    table = Table.read(path, hdu=1)
    ucds = {name: table.meta.get(f"TUCD{i + 1}") for i, name in enumerate(table.colnames)}

columns = [{"name": c, "unit": None if table[c].unit is None else str(table[c].unit), "ucd": ucds.get(c)} for c in table.colnames]
rows = []
for i in range(len(table)):
    row = {}
    for c in table.colnames:
        column = table[c]
        masked = getattr(column, "mask", None)
        is_masked = masked is not None and np.all(masked[i])
        row[c] = None if is_masked else plain(column[i])
    rows.append(row)
json.dump({"columns": columns, "rows": rows}, sys.stdout)
