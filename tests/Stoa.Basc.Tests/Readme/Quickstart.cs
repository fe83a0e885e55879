using Stoa.Basc.Input;
using Stoa.Basc.Output;
using Stoa.Basc.Simulation;

namespace Stoa.Basc.Tests.Readme;

/// <summary>The README's quickstart, compiled and run; <see cref="ReadmeTests"/> keeps the two identical.</summary>
internal static class Quickstart
{
    public static (SourceFinderResult Result, string Directory) Run()
    {
        // quickstart:begin
        var directory = Directory.CreateTempSubdirectory("basc-quickstart-").FullName;
        // A simulated observation (or your own: SkyImageFits.Read("map.fits"), SkyImageFits.Read("psf.fits")).
        var field = FieldSimulator.Simulate(new SimulationOptions { Sources = [new(120.3, 131.8, 0.012), new(140, 100, 0.006)] });
        field.WriteFits(directory);
        var map = SkyImageFits.Read(Path.Combine(directory, "map.fits"));
        var psf = SkyImageFits.Read(Path.Combine(directory, "psf.fits"));

        var result = SourceFinder.Run(map, psf, new SourceFinderOptions { Seed = 7, Rate = 0.1 });
        foreach (var s in result.Catalogue)
        {
            Console.WriteLine($"({s.X:F1}, {s.Y:F1}) RA {s.Ra:F5} Dec {s.Dec:F5}: {s.Flux * 1e3:F1} mJy [{s.FluxLow * 1e3:F1}, {s.FluxHigh * 1e3:F1}], p = {s.DetectionProbability:F2}");
        }

        ResultWriter.WriteAll(result, Path.Combine(directory, "out")); // catalogue.csv/.fits, chain.csv, run.json
        // quickstart:end
        return (result, directory);
    }
}
