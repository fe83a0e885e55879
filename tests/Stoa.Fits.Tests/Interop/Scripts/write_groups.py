"""Writes a random-groups FITS file (the old interferometry format) and prints its data as JSON.

Usage: /usr/bin/python3 write_groups.py FILE
"""
import json
import sys
import warnings

import numpy as np
from astropy.io import fits


def main():
    path = sys.argv[1]
    rng = np.random.default_rng(5)
    data = rng.normal(size=(10, 1, 2, 3)).astype(np.float32)
    parameters = [rng.normal(size=10).astype(np.float32), rng.normal(size=10).astype(np.float32)]
    groups = fits.GroupData(data, parnames=["UU", "VV"], pardata=parameters, bitpix=-32)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fits.GroupsHDU(groups).writeto(path, overwrite=True)
    print(json.dumps({"groups": 10, "bytes": 10 * (2 + 6) * 4}))


if __name__ == "__main__":
    main()
