using BenchmarkDotNet.Attributes;
using Stoa.Fits;

namespace Stoa.Benchmarks.Fits;

/// <summary>Reading and writing a 1,000,000-row, 6-column binary table (36 MB of rows); astropy's figures come from
/// benchmarks/fits/astropy_bench.py.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class FitsTableBenchmarks
{
    private FitsColumn[] _columns = [];
    private string _output = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        FitsBenchmarkData.EnsureFiles();
        _columns = FitsBenchmarkData.Columns();
        _output = Path.Combine(FitsBenchmarkData.Directory, "table-out.fits");
    }

    [Benchmark(Description = "read 1M-row 6-column table")]
    public int ReadTable()
    {
        using var file = FitsFile.Open(FitsBenchmarkData.TablePath);
        int total = 0;
        foreach (var column in file.GetTable(1).Columns)
        {
            total += column.Data.Length;
        }

        return total;
    }

    [Benchmark(Description = "write 1M-row 6-column table")]
    public void WriteTable() => FitsFile.Write(_output, FitsTable.Create(_columns));

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_output);
}
