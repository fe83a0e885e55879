using System.Diagnostics;
using System.Globalization;
using Stoa.Fits;

namespace Stoa.Benchmarks.Fits;

/// <summary>
/// The Stoa side of benchmarks/fits/paired.py: reads one operation name per line on stdin (<c>write-image</c>,
/// <c>read-table</c>, <c>read-image</c>, <c>write-table</c>), runs it once on the benchmark files and prints its wall
/// time in milliseconds. The driver alternates these calls with astropy's, so on a shared, loaded machine each pair of
/// timings sees the same load and their ratio means something. Usage: <c>fits-paired</c>.
/// </summary>
internal static class PairedServer
{
    public static int Run()
    {
        FitsBenchmarkData.EnsureFiles();
        var pixels = FitsBenchmarkData.Pixels();
        var columns = FitsBenchmarkData.Columns();
        string imageOut = Path.Combine(FitsBenchmarkData.Directory, "paired-image-out.fits");
        string tableOut = Path.Combine(FitsBenchmarkData.Directory, "paired-table-out.fits");
        var operations = new Dictionary<string, Action>(StringComparer.Ordinal)
        {
            ["write-image"] = () => FitsFile.Write(imageOut, FitsImage.Create(pixels, FitsBenchmarkData.Side, FitsBenchmarkData.Side)),
            ["read-image"] = () =>
            {
                using var file = FitsFile.Open(FitsBenchmarkData.ImagePath);
                _ = file.GetImage(0).ReadPixels<float>();
            },
            ["read-table"] = () =>
            {
                using var file = FitsFile.Open(FitsBenchmarkData.TablePath);
                foreach (var column in file.GetTable(1).Columns)
                {
                    _ = column.Data;
                }
            },
            ["write-table"] = () => FitsFile.Write(tableOut, FitsTable.Create(columns)),
        };
        Console.WriteLine("ready");
        while (Console.ReadLine() is { } line)
        {
            if (!operations.TryGetValue(line.Trim(), out var operation))
            {
                Console.WriteLine("unknown");
                continue;
            }

            var watch = Stopwatch.StartNew();
            operation();
            Console.WriteLine(watch.Elapsed.TotalMilliseconds.ToString("F3", CultureInfo.InvariantCulture));
        }

        File.Delete(imageOut);
        File.Delete(tableOut);
        return 0;
    }
}
