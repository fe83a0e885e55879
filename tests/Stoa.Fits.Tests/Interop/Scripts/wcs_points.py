"""Converts pixel positions with astropy.wcs, for comparison with Stoa.Fits' CelestialWcs.

Usage: /usr/bin/python3 wcs_points.py FILE HDU POINTS_JSON
POINTS_JSON holds [[x, y], ...] 0-based pixels on the celestial axes; other axes are at pixel 0.
Prints {"world": [[lon, lat], ...], "pixel": [[x, y], ...]} where "pixel" is astropy's world->pixel of "world".
"""
import json
import sys
import warnings

import numpy as np
from astropy.io import fits
from astropy.wcs import WCS


def main():
    path, hdu, points_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(points_path) as f:
        points = np.array(json.load(f), dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        header = fits.getheader(path, hdu)
        wcs = WCS(header)
    lon_axis, lat_axis = wcs.wcs.lng, wcs.wcs.lat
    n = wcs.naxis
    pixels = np.zeros((len(points), n))
    first, second = sorted((lon_axis, lat_axis))
    pixels[:, first] = points[:, 0]
    pixels[:, second] = points[:, 1]
    world = wcs.all_pix2world(pixels, 0)
    back = wcs.all_world2pix(world, 0)
    out = {
        "world": [[repr(float(w[lon_axis])), repr(float(w[lat_axis]))] for w in world],
        "pixel": [[repr(float(b[first])), repr(float(b[second]))] for b in back],
    }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
