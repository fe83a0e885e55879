using System.Diagnostics;
using System.Globalization;
using System.Text;
using Stoa.Basc;
using Stoa.Basc.Catalogue;
using Stoa.Basc.Output;
using Stoa.Basc.Plots;
using Stoa.Basc.Simulation;

namespace Stoa.Benchmarks.Basc;

/// <summary>
/// The original's budget (issue #22): a 512² simulated field with nine sources (4–40 σ), 300 000 recorded samples of
/// 100 proposals per walker (≈ 30 M evaluations, ≈ 2.35 M chain rows), timed phase by phase — sampling, cataloguing,
/// and each output file — so whatever grows faster than the evaluations shows. Usage: <c>basc-budget [samples] [out.md]</c>.
/// </summary>
internal static class BudgetRun
{
    public static int Run(string[] args)
    {
        int samples = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300_000;
        double[] snr = [4, 5, 6, 8, 10, 15, 20, 30, 40];
        var sources = new List<SimulatedSource>();
        for (int i = 0; i < snr.Length; i++)
        {
            // A 3 × 3 grid inside the searched square [128, 384), 80 px apart, at sub-pixel offsets.
            sources.Add(new SimulatedSource(160.3 + (80 * (i % 3)) + (0.1 * i), 170.6 + (80 * (i / 3)), snr[i] * 1e-3));
        }

        var field = FieldSimulator.Simulate(new SimulationOptions { Size = 512, Sigma = 1e-3, NoiseSeed = 3, Sources = sources });
        SourceFinder.Run(field.Map, field.Psf, new SourceFinderOptions { Samples = 200 }); // JIT warm-up
        var clock = Stopwatch.StartNew();
        var result = SourceFinder.Run(field.Map, field.Psf, new SourceFinderOptions { Rate = 0.1, Samples = samples });
        var run = clock.Elapsed;
        string directory = Path.Combine(Path.GetTempPath(), $"basc-budget-{Environment.ProcessId}");
        var phases = new List<(string Name, double Seconds)>
        {
            ("annealing", result.AnnealingTime.TotalSeconds),
            ("sampling", result.SamplingTime.TotalSeconds),
            ("cataloguing (+ σ, validation)", (run - result.AnnealingTime - result.SamplingTime).TotalSeconds),
        };
        Directory.CreateDirectory(directory);
        void Time(string name, Action action)
        {
            var c = Stopwatch.StartNew();
            action();
            phases.Add((name, c.Elapsed.TotalSeconds));
        }

        var options = result.Options;
        var xs = result.Chain.Select(r => r.X).ToArray();
        var ys = result.Chain.Select(r => r.Y).ToArray();
        int minPoints = Math.Max(options.ClusterMinSamples, (int)Math.Ceiling(options.ClusterMinFraction * result.Samples.Count));
        Time("  of which DBSCAN (again, alone)", () => Dbscan.Cluster(xs, ys, options.ClusterRadius, minPoints));
        Time("  of which the catalogue (again, alone)", () => CatalogueBuilder.Build(result.Chain, result.Samples.Count, options, null));
        Time("catalogue.csv", () => { using var w = new StreamWriter(Path.Combine(directory, "catalogue.csv")); ResultWriter.WriteCatalogueCsv(result, w); });
        Time("chain.csv", () => { using var w = new StreamWriter(Path.Combine(directory, "chain.csv")); ResultWriter.WriteChainCsv(result, w); });
        Time("catalogue.fits", () => CatalogueFits.Write(result, Path.Combine(directory, "catalogue.fits")));
        Time("map.png", () => ResultPlots.SaveMap(field.Map, result, Path.Combine(directory, "map.png")));
        Time("flux_histograms.png", () => ResultPlots.SaveFluxHistograms(result, Path.Combine(directory, "flux_histograms.png")));
        Time("traces.png", () => ResultPlots.SaveTraces(result, Path.Combine(directory, "traces.png")));
        Directory.Delete(directory, recursive: true);
        double total = phases.Where(p => !p.Name.StartsWith("  of which", StringComparison.Ordinal)).Sum(p => p.Seconds);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"512² field, 9 sources 4–40 σ, Rate 0.1, {result.Samples.Count:N0} samples, {result.Chain.Count:N0} chain rows, {result.Evaluations:N0} evaluations, {result.Catalogue.Count} sources found; load average {LoadAverage()}");
        md.AppendLine();
        md.AppendLine("| phase | seconds |");
        md.AppendLine("|---|---|");
        foreach (var (name, seconds) in phases)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {seconds:F2} |");
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"| **total (run + all outputs; the \"of which\" re-runs excluded)** | **{total:F2}** |");
        Console.WriteLine(md.ToString());
        if (args.Length > 1)
        {
            File.WriteAllText(args[1], md.ToString());
        }

        return 0;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
