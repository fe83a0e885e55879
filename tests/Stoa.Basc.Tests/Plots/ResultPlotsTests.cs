using Stoa.Basc.Plots;
using Stoa.Basc.Tests.Output;

namespace Stoa.Basc.Tests.Plots;

/// <summary>The Stoa.Basc.Plots package: the three figures of a run are real PNG files.</summary>
public sealed class ResultPlotsTests
{
    [Fact]
    public void Plots_Are_Written_As_Png()
    {
        var (field, result) = ResultWriterTests.Run();
        string dir = Directory.CreateTempSubdirectory("basc-plots").FullName;
        try
        {
            var written = ResultPlots.SaveAll(result, field.Map, dir);
            Assert.Equal(["map.png", "flux_histograms.png", "traces.png"], written.Select(Path.GetFileName));
            foreach (var path in written)
            {
                var bytes = File.ReadAllBytes(path);
                Assert.True(bytes.Length > 10_000, $"{path}: {bytes.Length} bytes");
                Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
