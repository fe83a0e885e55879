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
/// 100 proposals per walker (≈ 30 M evaluations, ≈ 3 M chain rows), timed phase by phase — sampling, cataloguing,
/// and each of the seven output files, written as <c>stoa basc find</c> writes them — so whatever grows faster than the evaluations shows. Usage: <c>basc-budget [samples] [out.md] [threads]</c> (threads for the walkers, default 1 as in <c>stoa basc find</c>; results do not depend on it).
/// </summary>
internal static class BudgetRun
{
    public static int Run(string[] args)
    {
        int samples = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300_000;
        int threads = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        double[] snr = [4, 5, 6, 8, 10, 15, 20, 30, 40];
        var sources = new List<SimulatedSource>();
        for (int i = 0; i < snr.Length; i++)
        {
            // A 3 × 3 grid inside the searched square [128, 384), 80 px apart, at sub-pixel offsets.
            sources.Add(new SimulatedSource(160.3 + (80 * (i % 3)) + (0.1 * i), 170.6 + (80 * (i / 3)), snr[i] * 1e-3));
        }

        var field = FieldSimulator.Simulate(new SimulationOptions { Size = 512, Sigma = 1e-3, NoiseSeed = 3, Sources = sources });
        SourceFinder.Run(field.Map, field.Psf, new SourceFinderOptions { Samples = 200 }); // JIT warm-up
        // CPU seconds of this process beside the wall seconds: on the shared machine the wall time mostly measures the
        // wait for a core, the CPU time what the code costs.
        static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        double runCpu = Cpu();
        var clock = Stopwatch.StartNew();
        var result = SourceFinder.Run(field.Map, field.Psf, new SourceFinderOptions { Rate = 0.1, Samples = samples, Threads = threads });
        var run = clock.Elapsed;
        runCpu = Cpu() - runCpu;
        string directory = Path.Combine(Path.GetTempPath(), $"basc-budget-{Environment.ProcessId}");
        var phases = new List<(string Name, double Seconds, double Cpu)>
        {
            ("annealing", result.AnnealingTime.TotalSeconds, double.NaN),
            ("sampling", result.SamplingTime.TotalSeconds, double.NaN),
            ("cataloguing (+ σ, validation)", (run - result.AnnealingTime - result.SamplingTime).TotalSeconds, double.NaN),
        };
        Directory.CreateDirectory(directory);
        void Time(string name, Action action)
        {
            double cpu = Cpu();
            var c = Stopwatch.StartNew();
            action();
            phases.Add((name, c.Elapsed.TotalSeconds, Cpu() - cpu));
        }

        var options = result.Options;
        var xs = result.Chain.Select(r => r.X).ToArray();
        var ys = result.Chain.Select(r => r.Y).ToArray();
        int minPoints = Math.Max(options.ClusterMinSamples, (int)Math.Ceiling(options.ClusterMinFraction * result.Samples.Count));
        Time("  of which DBSCAN (again, alone)", () => Dbscan.Cluster(xs, ys, options.ClusterRadius, minPoints));
        Time("  of which the catalogue (again, alone)", () => CatalogueBuilder.Build(result.Chain, result.Samples.Count, options, null));
        Time("catalogue.csv", () => { using var w = new StreamWriter(Path.Combine(directory, "catalogue.csv")); ResultWriter.WriteCatalogueCsv(result, w); });
        Time("chain.csv", () => { using var f = new FileStream(Path.Combine(directory, "chain.csv"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20); ResultWriter.WriteChainCsv(result, f); });
        Time("catalogue.fits", () => CatalogueFits.Write(result, Path.Combine(directory, "catalogue.fits")));
        Time("run.json", () => { using var f = File.Create(Path.Combine(directory, "run.json")); ResultWriter.WriteRunJson(result, f); });
        Time("map.png, flux_histograms.png, traces.png (ResultPlots.SaveAll, concurrently)", () => ResultPlots.SaveAll(result, field.Map, directory));
        Directory.Delete(directory, recursive: true);
        double total = phases.Where(p => !p.Name.StartsWith("  of which", StringComparison.Ordinal)).Sum(p => p.Seconds);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"512² field, 9 sources 4–40 σ, Rate 0.1, {result.Samples.Count:N0} samples, {result.Chain.Count:N0} chain rows, {result.Evaluations:N0} evaluations, {result.Catalogue.Count} sources found, {threads} walker thread(s); load average {LoadAverage()}");
        md.AppendLine();
        double outputsCpu = phases.Where(p => !double.IsNaN(p.Cpu) && !p.Name.StartsWith("  of which", StringComparison.Ordinal)).Sum(p => p.Cpu);
        md.AppendLine("| phase | wall seconds | CPU seconds (all threads) |");
        md.AppendLine("|---|---|---|");
        foreach (var (name, seconds, cpu) in phases)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {seconds:F2} | {(double.IsNaN(cpu) ? string.Empty : cpu.ToString("F2", CultureInfo.InvariantCulture))} |");
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"| run (annealing + sampling + cataloguing) | {run.TotalSeconds:F2} | {runCpu:F2} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| **total (run + all outputs; the \"of which\" re-runs excluded)** | **{total:F2}** | **{runCpu + outputsCpu:F2}** |");
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
