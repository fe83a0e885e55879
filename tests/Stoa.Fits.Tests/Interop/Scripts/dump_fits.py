"""Prints, as JSON, what astropy sees in a FITS file: every HDU's header cards, image pixels, table columns.

Floats are written as repr() strings ('nan', 'inf' included) so no value is rounded or lost on the way.
Usage: /usr/bin/python3 dump_fits.py FILE
"""
import json
import sys
import warnings

import numpy as np
from astropy.io import fits
from astropy.table import Table


def scalar(x):
    if isinstance(x, (bytes, np.bytes_)):
        return x.decode("ascii")
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        return repr(float(x))
    if isinstance(x, (complex, np.complexfloating)):
        return [repr(float(x.real)), repr(float(x.imag))]
    if isinstance(x, str):
        return x
    if isinstance(x, np.ndarray):
        return [scalar(v) for v in x.ravel()]
    return str(x)


def card_value(v):
    if isinstance(v, bool):
        return {"kind": "logical", "value": v}
    if isinstance(v, int):
        return {"kind": "integer", "value": str(v)}
    if isinstance(v, float):
        return {"kind": "real", "value": repr(v)}
    if isinstance(v, complex):
        return {"kind": "complex", "value": [repr(v.real), repr(v.imag)]}
    if isinstance(v, str):
        return {"kind": "string", "value": v}
    return {"kind": "undefined", "value": None}


def main():
    path = sys.argv[1]
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with fits.open(path) as hdul:
            for index, hdu in enumerate(hdul):
                header = hdu.header
                cards = []
                for card in header.cards:
                    if card.keyword in ("COMMENT", "HISTORY", ""):
                        cards.append({"keyword": card.keyword, "kind": "commentary", "value": str(card.value)})
                    else:
                        entry = card_value(card.value)
                        entry.update({"keyword": card.keyword, "comment": card.comment})
                        cards.append(entry)
                item = {"index": index, "type": type(hdu).__name__, "name": hdu.name, "cards": cards}
                if isinstance(hdu, (fits.PrimaryHDU, fits.ImageHDU)):
                    data = hdu.data
                    item["shape"] = [] if data is None else list(data.shape)
                    item["dtype"] = None if data is None else data.dtype.newbyteorder("=").name
                    item["values"] = [] if data is None else [scalar(v) for v in data.ravel()]
                elif isinstance(hdu, fits.BinTableHDU):
                    # A separate read for the masks: Table.read can change the cached column arrays of hdu.data.
                    table = Table.read(path, hdu=index)
                    columns = []
                    data = hdu.data
                    for n, col in enumerate(hdu.columns, start=1):
                        raw = data[col.name]
                        masked = getattr(table[col.name], "mask", None)
                        rows = []
                        for r in range(len(raw)):
                            rows.append(scalar(raw[r]))
                        columns.append({
                            "name": col.name,
                            "format": str(col.format),
                            "unit": col.unit,
                            "disp": col.disp,
                            "null": None if col.null is None else int(col.null),
                            "ucd": header.get(f"TUCD{n}"),
                            "dtype": str(raw.dtype),
                            "values": rows,
                            "mask": None if masked is None or masked.ndim != 1 else [bool(m) for m in masked],
                        })
                    item["rows"] = len(hdu.data) if hdu.data is not None else 0
                    item["columns"] = columns
                out.append(item)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
