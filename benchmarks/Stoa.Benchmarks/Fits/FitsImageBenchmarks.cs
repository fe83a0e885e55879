using BenchmarkDotNet.Attributes;
using Stoa.Fits;

namespace Stoa.Benchmarks.Fits;

/// <summary>Reading and writing a 4096×4096 float32 image (64 MiB of pixels); astropy's figures for the same files come
/// from benchmarks/fits/astropy_bench.py and are set side by side in the README.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class FitsImageBenchmarks
{
    private float[] _pixels = [];
    private string _output = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        FitsBenchmarkData.EnsureFiles();
        _pixels = FitsBenchmarkData.Pixels();
        _output = Path.Combine(FitsBenchmarkData.Directory, "image-out.fits");
    }

    [Benchmark(Description = "read 4096x4096 float32 image")]
    public float[] ReadImage()
    {
        using var file = FitsFile.Open(FitsBenchmarkData.ImagePath);
        return file.GetImage(0).ReadPixels<float>();
    }

    [Benchmark(Description = "write 4096x4096 float32 image")]
    public void WriteImage() => FitsFile.Write(_output, FitsImage.Create(_pixels, FitsBenchmarkData.Side, FitsBenchmarkData.Side));

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_output);
}
