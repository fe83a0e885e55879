"""Writes a FITS file with astropy holding every image type, header value kind and table column type we read.

Usage: /usr/bin/python3 write_fits.py FILE SEED
"""
import sys
import warnings

import numpy as np
from astropy.io import fits


def main():
    path, seed = sys.argv[1], int(sys.argv[2])
    rng = np.random.default_rng(seed)
    hdus = []

    primary = fits.PrimaryHDU(rng.normal(size=(3, 4, 5)).astype(np.float32))
    h = primary.header
    h["OBJECT"] = ("NGC 1234", "target")
    h["LONGSTR"] = "a long string value " * 8 + "that astropy writes with CONTINUE cards"
    h["QUOTE"] = "it's quoted"
    h["EXPTIME"] = (1234.5678, "seconds")
    h["NCOMBINE"] = 17
    h["FLAG"] = False
    h["CPLX"] = complex(1.5, -2.25)
    h["TINY"] = 1.0e-300
    h["HISTORY"] = "first history line"
    h["HISTORY"] = "second history line"
    h["COMMENT"] = "a comment card"
    hdus.append(primary)

    for dtype in ("uint8", "int16", "int32", "int64", "float32", "float64", "uint16", "uint32", "uint64", "int8"):
        info = np.iinfo(dtype) if dtype.startswith(("int", "uint")) else None
        if info is not None:
            data = rng.integers(info.min, info.max, size=(6, 7), dtype=dtype, endpoint=True)
        else:
            data = rng.normal(scale=1e3, size=(6, 7)).astype(dtype)
            data[0, 0] = np.nan
        hdus.append(fits.ImageHDU(data, name=f"IMG_{dtype.upper()}"))

    # A scaled 16-bit image with BLANK: astropy applies BSCALE/BZERO itself when reading.
    scaled = fits.ImageHDU(rng.integers(-1000, 1000, size=(4, 4), dtype=np.int16), name="SCALED", do_not_scale_image_data=True)
    scaled.header["BSCALE"] = 0.5
    scaled.header["BZERO"] = 100.0
    scaled.data[0, 0] = -1000
    scaled.header["BLANK"] = -1000
    hdus.append(scaled)

    # A CASA-style 4-D cube (1, 1, ny, nx).
    cube = fits.ImageHDU(rng.normal(size=(1, 1, 8, 9)).astype(np.float32), name="CASA")
    hdus.append(cube)

    n = 23
    vla = np.empty(n, dtype=object)
    for i in range(n):
        vla[i] = rng.normal(size=int(rng.integers(0, 6))).astype(np.float64)
    vlj = np.empty(n, dtype=object)
    for i in range(n):
        vlj[i] = rng.integers(-100, 100, size=int(rng.integers(0, 4))).astype(np.int32)
    nulls = rng.integers(-50, 50, size=n).astype(np.int32)
    nulls[::4] = -999
    floats = rng.normal(size=n).astype(np.float32)
    floats[::5] = np.nan
    columns = [
        fits.Column(name="flag", format="L", array=rng.integers(0, 2, size=n).astype(bool)),
        fits.Column(name="bits", format="11X", array=rng.integers(0, 2, size=(n, 11)).astype(bool)),
        fits.Column(name="b", format="B", array=rng.integers(0, 256, size=n).astype(np.uint8)),
        fits.Column(name="i", format="2I", array=rng.integers(-30000, 30000, size=(n, 2)).astype(np.int16), unit="count"),
        fits.Column(name="j", format="J", null=-999, array=nulls, unit="ct", disp="I8"),
        fits.Column(name="k", format="K", array=rng.integers(-2**62, 2**62, size=n).astype(np.int64)),
        fits.Column(name="e", format="E", array=floats, unit="Jy"),
        fits.Column(name="d", format="3D", array=rng.normal(size=(n, 3)), unit="deg", disp="F12.6"),
        fits.Column(name="a", format="12A", array=np.array([f"src_{i}"[: (i % 12) + 1] for i in range(n)])),
        fits.Column(name="c", format="C", array=(rng.normal(size=n) + 1j * rng.normal(size=n)).astype(np.complex64)),
        fits.Column(name="m", format="M", array=rng.normal(size=n) + 1j * rng.normal(size=n)),
        fits.Column(name="u16", format="I", bzero=32768, array=rng.integers(0, 65536, size=n).astype(np.uint16)),
        fits.Column(name="u32", format="J", bzero=2**31, array=rng.integers(0, 2**32, size=n).astype(np.uint32)),
        fits.Column(name="scaled", format="E", bscale=0.01, bzero=5.0, array=(rng.integers(-100, 100, size=n) * 0.01 + 5.0).astype(np.float32)),
        fits.Column(name="vla", format="PD()", array=vla),
        fits.Column(name="vlj", format="QJ()", array=vlj),
    ]
    table = fits.BinTableHDU.from_columns(columns, name="CATALOG")
    table.header["TUCD7"] = "phot.flux.density"
    hdus.append(table)

    # An ASCII table, which Stoa.Fits keeps as a raw HDU (header and bytes unchanged).
    ascii_table = fits.TableHDU.from_columns([
        fits.Column(name="name", format="A8", array=np.array(["alpha", "beta", "gamma"])),
        fits.Column(name="value", format="E12.5", array=np.array([1.5, -2.25, 3.0])),
    ], name="ASCII")
    hdus.append(ascii_table)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fits.HDUList(hdus).writeto(path, overwrite=True)


if __name__ == "__main__":
    main()
