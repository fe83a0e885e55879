"""Times astropy (Debian python3-astropy) reading and writing the same FITS files as the Stoa.Fits benchmarks.

The inputs are those the BenchmarkDotNet benchmarks create (benchmarks/Stoa.Benchmarks/Fits/FitsBenchmarkData.cs):
a 4096x4096 float32 image and a 1,000,000-row table with columns K, D, D, E, E, J. Missing inputs are created here
with the same layout. Each operation runs REPEATS times after one warm-up; the median is reported.

Usage: /usr/bin/python3 benchmarks/fits/astropy_bench.py [DIR] [--markdown OUT.md]
"""
import argparse
import os
import statistics
import tempfile
import time
import warnings

import astropy
import numpy as np
from astropy.io import fits

REPEATS = 7
SIDE = 4096
ROWS = 1_000_000
IMAGE_BYTES = SIDE * SIDE * 4
TABLE_BYTES = ROWS * 36


def make_inputs(folder):
    os.makedirs(folder, exist_ok=True)
    image = os.path.join(folder, "image.fits")
    table = os.path.join(folder, "table.fits")
    rng = np.random.default_rng(42)
    if not os.path.exists(image):
        fits.writeto(image, rng.random((SIDE, SIDE), dtype=np.float32))
    if not os.path.exists(table):
        fits.BinTableHDU.from_columns(columns(rng)).writeto(table)
    return image, table


def columns(rng):
    return [
        fits.Column(name="id", format="K", array=np.arange(ROWS, dtype=np.int64)),
        fits.Column(name="ra", format="D", unit="deg", array=rng.random(ROWS) * 360),
        fits.Column(name="dec", format="D", unit="deg", array=rng.random(ROWS) * 180 - 90),
        fits.Column(name="flux", format="E", unit="Jy", array=rng.random(ROWS, dtype=np.float32)),
        fits.Column(name="flux_err", format="E", unit="Jy", array=rng.random(ROWS, dtype=np.float32) * 0.1),
        fits.Column(name="flag", format="J", array=rng.integers(0, 16, ROWS, dtype=np.int32)),
    ]


def timed(action):
    action()
    samples = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", default=os.environ.get("STOA_FITS_BENCH_DIR") or os.path.join(tempfile.gettempdir(), "stoa-fits-bench"))
    parser.add_argument("--markdown")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    image_path, table_path = make_inputs(args.folder)
    out_image = os.path.join(args.folder, "astropy-image-out.fits")
    out_table = os.path.join(args.folder, "astropy-table-out.fits")

    # Reading: memmap=False so the bytes are really read, as Stoa.Fits does; astropy leaves them big-endian.
    def read_image():
        with fits.open(image_path, memmap=False) as hdul:
            return hdul[0].data

    # The same plus the conversion to native byte order, which is what Stoa.Fits returns (a float[] in memory order).
    def read_image_native():
        with fits.open(image_path, memmap=False) as hdul:
            return hdul[0].data.astype(np.float32)

    pixels = fits.getdata(image_path).astype(np.float32)

    def write_image():
        fits.writeto(out_image, pixels, overwrite=True)

    def read_table():
        with fits.open(table_path, memmap=False) as hdul:
            data = hdul[1].data
            return [data[name] for name in data.columns.names]

    def read_table_native():
        with fits.open(table_path, memmap=False) as hdul:
            data = hdul[1].data
            return [np.ascontiguousarray(data[name], dtype=data[name].dtype.newbyteorder("=")) for name in data.columns.names]

    with fits.open(table_path) as hdul:
        arrays = {name: np.array(hdul[1].data[name], dtype=hdul[1].data[name].dtype.newbyteorder("=")) for name in hdul[1].data.columns.names}
        formats = {c.name: c.format for c in hdul[1].columns}
        units = {c.name: c.unit for c in hdul[1].columns}

    def write_table():
        cols = [fits.Column(name=n, format=formats[n], unit=units[n], array=a) for n, a in arrays.items()]
        fits.BinTableHDU.from_columns(cols).writeto(out_table, overwrite=True)

    rows = [
        ("read 4096x4096 float32 image", "as stored (big-endian array)", timed(read_image), IMAGE_BYTES),
        ("read 4096x4096 float32 image", "to native float32", timed(read_image_native), IMAGE_BYTES),
        ("write 4096x4096 float32 image", "from native float32", timed(write_image), IMAGE_BYTES),
        ("read 1M-row 6-column table", "columns as stored (big-endian views)", timed(read_table), TABLE_BYTES),
        ("read 1M-row 6-column table", "columns to native contiguous arrays", timed(read_table_native), TABLE_BYTES),
        ("write 1M-row 6-column table", "from native arrays", timed(write_table), TABLE_BYTES),
    ]
    for path in (out_image, out_table):
        if os.path.exists(path):
            os.remove(path)

    lines = [
        f"# astropy {astropy.__version__} (numpy {np.__version__}), median of {REPEATS} runs after a warm-up",
        "",
        "| operation | astropy variant | median ms | MB/s |",
        "|---|---|---:|---:|",
    ]
    for name, variant, seconds, size in rows:
        lines.append(f"| {name} | {variant} | {seconds * 1000:.1f} | {size / seconds / 1e6:.0f} |")
    publish(lines, args.markdown)


def publish(lines, markdown):
    """Prints the table and writes it to MARKDOWN when given."""
    text = "\n".join(lines) + "\n"
    print(text)
    if markdown:
        with open(markdown, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
