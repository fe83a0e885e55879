"""Stoa.Fits against astropy in alternating pairs: astropy once, Stoa once, and again, on the same files.

On a shared machine whose load swings by a factor of ten within a minute, separate runs of each side compare
different machines. Here each Stoa timing is taken right after an astropy timing of the same operation, and the
median of the per-pair ratios is reported with the medians of each side and the load average.
Stoa's side is `Stoa.Benchmarks fits-paired` (benchmarks/Stoa.Benchmarks/Fits/PairedServer.cs), one warm process.

Usage: /usr/bin/python3 benchmarks/fits/paired.py [--pairs N] [--markdown OUT.md] -- STOA_COMMAND...
"""
import argparse
import os
import statistics
import subprocess
import sys
import time
import warnings

import numpy as np
from astropy.io import fits

sys.path.insert(0, os.path.dirname(__file__))
import astropy_bench  # noqa: E402  (same inputs and the same astropy calls as the one-sided script)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=15)
    parser.add_argument("--markdown")
    parser.add_argument("stoa", nargs="+")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    folder = os.environ.get("STOA_FITS_BENCH_DIR") or os.path.join("/tmp", "stoa-fits-bench")
    stoa = subprocess.Popen(args.stoa, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=dict(os.environ, STOA_FITS_BENCH_DIR=folder))
    assert stoa.stdout.readline().strip() == "ready"
    image_path, table_path = astropy_bench.make_inputs(folder)
    out_image = os.path.join(folder, "paired-astropy-image.fits")
    pixels = fits.getdata(image_path).astype(np.float32)

    def write_image():
        fits.writeto(out_image, pixels, overwrite=True)

    def read_table_native():
        with fits.open(table_path, memmap=False) as hdul:
            data = hdul[1].data
            return [np.ascontiguousarray(data[n], dtype=data[n].dtype.newbyteorder("=")) for n in data.columns.names]

    def read_image_native():
        with fits.open(image_path, memmap=False) as hdul:
            return hdul[0].data.astype(np.float32)

    def stoa_once(op):
        stoa.stdin.write(op + "\n")
        stoa.stdin.flush()
        return float(stoa.stdout.readline()) / 1000

    def astropy_once(action):
        start = time.perf_counter()
        action()
        return time.perf_counter() - start

    operations = [
        ("write 4096x4096 float32 image", "write-image", write_image),
        ("read 1M-row 6-column table into native arrays", "read-table", read_table_native),
        ("read 4096x4096 float32 image into native float32", "read-image", read_image_native),
    ]
    load_before = open("/proc/loadavg").read().split()[:3]
    lines = ["| operation | Stoa.Fits median ms | astropy median ms | median of per-pair ratios (astropy / Stoa) | pairs |", "|---|---:|---:|---:|---:|"]
    for name, op, action in operations:
        astropy_once(action)
        stoa_once(op)  # warm-up of both sides
        ours, theirs, ratios = [], [], []
        for _ in range(args.pairs):
            a = astropy_once(action)
            s = stoa_once(op)
            theirs.append(a)
            ours.append(s)
            ratios.append(a / s)
        lines.append(f"| {name} | {statistics.median(ours) * 1000:.1f} | {statistics.median(theirs) * 1000:.1f} | **{statistics.median(ratios):.2f}×** | {args.pairs} |")
    stoa.stdin.close()
    stoa.wait()
    os.remove(out_image)
    load_after = open("/proc/loadavg").read().split()[:3]
    lines.append("")
    lines.append(f"Load average before / after: {' '.join(load_before)} / {' '.join(load_after)} (2 cores).")
    astropy_bench.publish(lines, args.markdown)


if __name__ == "__main__":
    main()
