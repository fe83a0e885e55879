"""Prints a digest of a random-groups file's data (to check a copy is identical).

Usage: /usr/bin/python3 read_groups.py FILE
"""
import hashlib
import sys
import warnings

from astropy.io import fits

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    with fits.open(sys.argv[1]) as hdul:
        hdu = hdul[0]
        print(type(hdu).__name__, hdu.data.shape[0], hashlib.sha256(hdu.data.data.tobytes() + hdu.data.par(0).tobytes()).hexdigest())
