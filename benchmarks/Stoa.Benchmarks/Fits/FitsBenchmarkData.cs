using Stoa.Fits;

namespace Stoa.Benchmarks.Fits;

/// <summary>The benchmark inputs, shared with benchmarks/fits/astropy_bench.py: a 4096×4096 float32 image and a
/// 1,000,000-row, 6-column table (K, D, D, E, E, J = 36 bytes per row), in $STOA_FITS_BENCH_DIR or the temp folder.</summary>
internal static class FitsBenchmarkData
{
    public const int Side = 4096;
    public const int Rows = 1_000_000;

    public static string Directory { get; } =
        Environment.GetEnvironmentVariable("STOA_FITS_BENCH_DIR") is { Length: > 0 } d ? d : Path.Combine(Path.GetTempPath(), "stoa-fits-bench");

    public static string ImagePath => Path.Combine(Directory, "image.fits");

    public static string TablePath => Path.Combine(Directory, "table.fits");

    public static float[] Pixels()
    {
        var rng = new Random(42);
        var pixels = new float[Side * Side];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (float)rng.NextDouble();
        }

        return pixels;
    }

    public static FitsColumn[] Columns()
    {
        var rng = new Random(7);
        var id = new long[Rows];
        var ra = new double[Rows];
        var dec = new double[Rows];
        var flux = new float[Rows];
        var fluxErr = new float[Rows];
        var flag = new int[Rows];
        for (int i = 0; i < Rows; i++)
        {
            id[i] = i;
            ra[i] = rng.NextDouble() * 360;
            dec[i] = (rng.NextDouble() * 180) - 90;
            flux[i] = (float)rng.NextDouble();
            fluxErr[i] = (float)(rng.NextDouble() * 0.1);
            flag[i] = rng.Next(16);
        }

        return
        [
            new FitsColumn("id", id),
            new FitsColumn("ra", ra) { Unit = "deg", Ucd = "pos.eq.ra;meta.main" },
            new FitsColumn("dec", dec) { Unit = "deg", Ucd = "pos.eq.dec;meta.main" },
            new FitsColumn("flux", flux) { Unit = "Jy" },
            new FitsColumn("flux_err", fluxErr) { Unit = "Jy" },
            new FitsColumn("flag", flag),
        ];
    }

    public static void EnsureFiles()
    {
        System.IO.Directory.CreateDirectory(Directory);
        if (!File.Exists(ImagePath))
        {
            FitsFile.Write(ImagePath, FitsImage.Create(Pixels(), Side, Side));
        }

        if (!File.Exists(TablePath))
        {
            FitsFile.Write(TablePath, FitsTable.Create(Columns()));
        }
    }
}
