using System.Globalization;
using System.Text;
using Stoa.Basc;

namespace Stoa.Benchmarks.Basc;

/// <summary>
/// Whole-run figures on a 256² field (seed-1 recovery field): wall time, likelihood evaluations and evaluations per
/// second, at Rate 0.5 and 0.1 (and a long 20 000-sample run for the steady-state rate), on one thread and on two
/// (parallel walkers; same chain). A warm-up run comes first so
/// JIT time is not counted. Usage: <c>basc-run [out.md]</c>.
/// </summary>
internal static class WholeRun
{
    public static int Run(string[] args)
    {
        var (field, _, _) = RecoveryField.Create(1);
        SourceFinder.Run(field.Map, field.Psf, new SourceFinderOptions { Samples = 200 });
        var md = new StringBuilder();
        md.AppendLine("| Rate | threads | walkers | samples | annealing steps | evaluations | annealing (s) | sampling (s) | wall (s) | evaluations/s | sources |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var (rate, samples) in new[] { (0.5, 2000), (0.1, 2000), (0.1, 20000) })
        {
            foreach (int threads in new[] { 1, 2 })
            {
                var r = SourceFinder.Run(field.Map, field.Psf, new SourceFinderOptions { Rate = rate, Threads = threads, Samples = samples });
                md.AppendLine(CultureInfo.InvariantCulture, $"| {rate} | {threads} | {r.Options.EnsembleSize} | {r.Samples.Count} | {r.Schedule.Count} | {r.Evaluations:N0} | {r.AnnealingTime.TotalSeconds:F2} | {r.SamplingTime.TotalSeconds:F2} | {r.WallTime.TotalSeconds:F2} | {r.EvaluationsPerSecond / 1e6:F2} M | {r.Catalogue.Count} |");
            }
        }

        Console.WriteLine(md.ToString());
        if (args.Length > 0)
        {
            File.WriteAllText(args[0], md.ToString());
        }

        return 0;
    }
}
