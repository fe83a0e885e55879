using System.Globalization;
using System.Text.Json;
using Stoa.Basc.Output;
using Stoa.Basc.Simulation;

namespace Stoa.Basc.Tests.Output;

public sealed class ResultWriterTests
{
    /// <summary>A short run on a simulated field of two sources, shared with the plot tests.</summary>
    internal static (SimulatedField Field, SourceFinderResult Result) Run()
    {
        var field = FieldSimulator.Simulate(new SimulationOptions { Size = 64, Sigma = 1e-3, Sources = [new SimulatedSource(30, 33, 0.02), new SimulatedSource(38, 25, 0.012)] });
        var map = new SkyImage(64, 64, field.Map.Pixels.ToArray(), "sim.fits") { PixelToWorld = (x, y) => (150 - (x * 1e-3), 2 + (y * 1e-3)) };
        return (field, SourceFinder.Run(map, field.Psf, new SourceFinderOptions { EnsembleSize = 8, Samples = 300, ProposalsPerSweep = 40 }));
    }

    [Fact]
    public void Catalogue_Csv_Has_The_Documented_Columns_And_World_Coordinates()
    {
        var (_, result) = Run();
        using var text = new StringWriter();
        ResultWriter.WriteCatalogueCsv(result, text);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("x,y,x_err,y_err,flux_jy,flux_lo,flux_hi,p_det,ra,dec,ra_err,dec_err", lines[0].TrimEnd());
        Assert.Equal(result.Catalogue.Count + 1, lines.Length);
        var first = lines[1].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(result.Catalogue[0].X, first[0]);
        Assert.Equal(150 - (first[0] * 1e-3), first[8], 12);
    }

    [Fact]
    public void Chain_Csv_Holds_Every_Row_And_Run_Json_The_Figures()
    {
        var (_, result) = Run();
        using var text = new StringWriter();
        ResultWriter.WriteChainCsv(result, text);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sample,x,y,flux_jy,logl", lines[0].TrimEnd());
        Assert.Equal(result.Chain.Count + 1, lines.Length);

        using var stream = new MemoryStream();
        ResultWriter.WriteRunJson(result, stream, new Dictionary<string, string> { ["map"] = "sim.fits" });
        using var doc = JsonDocument.Parse(stream.ToArray());
        var root = doc.RootElement;
        Assert.Equal(result.Sigma, root.GetProperty("sigma").GetDouble());
        Assert.Equal(result.Evaluations, root.GetProperty("evaluations").GetInt64());
        Assert.Equal(1, root.GetProperty("seed").GetInt32());
        Assert.True(root.GetProperty("evaluations_per_second").GetDouble() > 0);
        Assert.Equal("sim.fits", root.GetProperty("inputs").GetProperty("map").GetString());
    }
}
