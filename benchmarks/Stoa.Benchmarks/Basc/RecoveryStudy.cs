using System.Globalization;
using System.Text;
using Stoa.Basc;
using Stoa.Basc.Simulation;

namespace Stoa.Benchmarks.Basc;

/// <summary>
/// Injection–recovery on simulated fields with known truth (<see cref="RecoveryField"/>), with a calibrated detection
/// threshold: every field is run once keeping every cluster (no threshold), the threshold on the posterior detection
/// probability, with an optional cut on the posterior median flux over σ, is chosen on a calibration set of seeds (the
/// grid point finding the most real sources with no false positive there) and then
/// evaluated on a disjoint set of seeds: completeness per S/N bin and false positives per field with Wilson 95 %
/// intervals, the coverage of the 68 % flux and position intervals per S/N bin, median |ΔF/F| and position error, next
/// to the old fixed threshold 0.5 (the original's behaviour).
/// Usage: <c>basc-recovery [--fields 50] [--first-seed 101] [--calibration-fields 30] [--calibration-first-seed 1001]
/// [--rate 0.1] [--oversample 1] [--slope γ] [--threshold p [--snr-cut c]] [--out FILE.md] [--clusters FILE.csv]</c>; <c>--threshold</c>
/// skips the calibration and evaluates that threshold; <c>--clusters</c> writes every evaluation cluster with its match.
/// </summary>
internal static class RecoveryStudy
{
    private const double MatchRadius = 2.5;
    private const double Reference = 0.5;
    private const double Z95 = 1.959963984540054;
    private static readonly double[] Grid = [.. Enumerable.Range(1, 19).Select(i => i * 0.05), 0.97, 0.99];
    private static readonly double[] Cuts = [0, 3.5, 4, 4.5, 5];

    public static int Run(string[] args)
    {
        var o = Options.Parse(args);
        var options = new SourceFinderOptions { Rate = o.Rate, Oversample = o.Oversample, FluxPriorSlope = o.Slope, MinDetectionProbability = 0 };
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"BaSC recovery study: simulated 256² fields (σ = 1 mJy/beam, beam FWHM ≈ 4.5 px; 10 isolated sources at 3–20 σ and a blended pair of 10 σ sources {RecoveryField.PairSeparation} px apart per field), Rate {o.Rate}, Oversample {o.Oversample}, flux prior {(o.Slope is { } g ? $"power law, slope {g}, bounds [σ, 10⁶σ]" : "the original's s/(s+F)², s = σ")}, other options default; match radius {MatchRadius} px.");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"`dotnet run -c Release --project benchmarks/Stoa.Benchmarks -- basc-recovery {string.Join(' ', args)}`");
        md.AppendLine();

        double threshold;
        double snrCut = o.SnrCut ?? 0;
        if (o.Threshold is { } given)
        {
            threshold = given;
            md.AppendLine(CultureInfo.InvariantCulture, $"Threshold given: p_det ≥ {threshold}, F/σ ≥ {snrCut} (no calibration run).");
        }
        else
        {
            var calibration = RunFields(o.CalibrationFirstSeed, o.CalibrationFields, options, "calibration");
            md.AppendLine(CultureInfo.InvariantCulture, $"## Calibration: {o.CalibrationFields} fields, seeds {o.CalibrationFirstSeed}–{o.CalibrationFirstSeed + o.CalibrationFields - 1}");
            md.AppendLine();
            md.AppendLine("Real sources found (of 12 per field) / false positives, by threshold on p_det (rows) and on the posterior median flux over σ (columns):");
            md.AppendLine();
            md.AppendLine("| p_det ≥ | " + string.Join(" | ", Cuts.Select(c => c == 0 ? "no S/N cut" : string.Create(CultureInfo.InvariantCulture, $"F/σ ≥ {c}"))) + " |");
            md.AppendLine("|---|" + string.Concat(Cuts.Select(_ => "---|")));
            threshold = double.NaN;
            int bestFound = -1;
            foreach (double t in Grid)
            {
                var cells = new List<string>();
                foreach (double cut in Cuts)
                {
                    var s = Score(calibration, t, cut);
                    cells.Add($"{s.Found}/{s.FalsePositives}");

                    // The most real sources with no false positive; ties go to the lower S/N cut, then the lower threshold.
                    if (s.FalsePositives == 0 && (s.Found > bestFound || (s.Found == bestFound && cut < snrCut)))
                    {
                        (threshold, snrCut, bestFound) = (t, cut, s.Found);
                    }
                }

                md.AppendLine(CultureInfo.InvariantCulture, $"| {t:0.00} | {string.Join(" | ", cells)} |");
            }

            threshold = double.IsNaN(threshold) ? Grid[^1] : threshold;
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Chosen: **p_det ≥ {threshold:0.00}{(snrCut > 0 ? $" and F/σ ≥ {snrCut}" : string.Empty)}**, the most real sources ({bestFound}) with no false positive in the calibration fields.");
        }

        md.AppendLine();
        var fields = RunFields(o.FirstSeed, o.Fields, options, "evaluation");
        md.AppendLine(CultureInfo.InvariantCulture, $"## Evaluation: {o.Fields} other fields, seeds {o.FirstSeed}–{o.FirstSeed + o.Fields - 1}, p_det ≥ {threshold:0.00}{(snrCut > 0 ? $", F/σ ≥ {snrCut}" : string.Empty)} (and p_det ≥ {Reference} alone, the previous default threshold — with the default prior the original's behaviour — for comparison)");
        md.AppendLine();
        AppendEvaluation(md, fields, threshold, snrCut);
        Console.WriteLine(md.ToString());
        if (o.Clusters is not null)
        {
            WriteClusters(o.Clusters, fields);
        }

        if (o.Output is not null)
        {
            File.WriteAllText(o.Output, md.ToString());
        }

        return 0;
    }

    private static List<FieldRun> RunFields(int firstSeed, int count, SourceFinderOptions options, string label)
    {
        var runs = new List<FieldRun>();
        foreach (int seed in Enumerable.Range(firstSeed, count))
        {
            var (field, isolated, pair) = RecoveryField.Create(seed);
            var result = SourceFinder.Run(field.Map, field.Psf, options with { Seed = seed });
            runs.Add(new FieldRun(seed, isolated, pair, result));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label} seed {seed}: {result.Catalogue.Count} clusters, {result.WallTime.TotalSeconds:F1} s"));
        }

        return runs;
    }

    /// <summary>Matches the catalogue entries with p_det ≥ <paramref name="threshold"/> to the truth, brightest truth first (a faint source cannot steal a bright one's match).</summary>
    private static (List<(SimulatedSource Truth, double Snr, CatalogueSource Match)> Isolated, List<(SimulatedSource Truth, CatalogueSource Match)> Pair, int False) Match(FieldRun run, double threshold, double snrCut = 0)
    {
        var unmatched = run.Result.Catalogue.Where(c => Kept(c, run.Result.Sigma, threshold, snrCut)).ToList();
        CatalogueSource? Take(SimulatedSource truth)
        {
            var best = unmatched.Where(c => Distance(c, truth) <= MatchRadius).OrderBy(c => Distance(c, truth)).FirstOrDefault();
            if (best is not null)
            {
                unmatched.Remove(best);
            }

            return best;
        }

        var isolated = new List<(SimulatedSource, double, CatalogueSource)>();
        var pair = new List<(SimulatedSource, CatalogueSource)>();
        var truths = run.Isolated.Zip(RecoveryField.Snr).Select(t => (Truth: t.First, Snr: t.Second))
            .Append((run.Pair.A, 10.0)).Append((run.Pair.B, 10.0)).OrderByDescending(t => t.Item2).ToList();
        foreach (var (truth, snr) in truths)
        {
            if (Take(truth) is not { } c)
            {
                continue;
            }

            if (truth == run.Pair.A || truth == run.Pair.B)
            {
                pair.Add((truth, c));
            }
            else
            {
                isolated.Add((truth, snr, c));
            }
        }

        return (isolated, pair, unmatched.Count);
    }

    private static bool Kept(CatalogueSource c, double sigma, double threshold, double snrCut) => c.DetectionProbability >= threshold && c.Flux / sigma >= snrCut;

    private static (int Found, int FalsePositives, int FieldsWithFalse) Score(List<FieldRun> runs, double threshold, double snrCut)
    {
        int found = 0, falsePositives = 0, fieldsWithFalse = 0;
        foreach (var run in runs)
        {
            var (isolated, pair, falses) = Match(run, threshold, snrCut);
            found += isolated.Count + pair.Count;
            falsePositives += falses;
            fieldsWithFalse += falses > 0 ? 1 : 0;
        }

        return (found, falsePositives, fieldsWithFalse);
    }

    private static void AppendEvaluation(StringBuilder md, List<FieldRun> runs, double threshold, double snrCut)
    {
        int n = runs.Count;
        var matched = runs.Select(r => Match(r, threshold, snrCut)).ToList();
        var reference = runs.Select(r => Match(r, Reference)).ToList();
        md.AppendLine("| S/N (F/σ) | found at p ≥ 0.5 | found at the threshold | completeness [95 % CI] | flux 68 % interval covers | [95 % CI] | position ±1 std covers (x and y) | [95 % CI] | median \\|ΔF/F\\| | median position error (px) |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        var bins = RecoveryField.Snr.Select(s => (Label: $"{s} σ", Snr: s, Pair: false)).Append(("10 σ pair (each half)", 10.0, true));
        int allFlux = 0, allFluxCovered = 0, allAxes = 0, allAxesCovered = 0;
        foreach (var (label, snr, isPair) in bins)
        {
            var hits = isPair
                ? matched.SelectMany(m => m.Pair.Select(p => (p.Truth, p.Match))).ToList()
                : matched.SelectMany(m => m.Isolated.Where(i => i.Snr == snr).Select(i => (i.Truth, i.Match))).ToList();
            int referenceHits = isPair
                ? reference.Sum(m => m.Pair.Count)
                : reference.Sum(m => m.Isolated.Count(i => i.Snr == snr));
            int total = isPair ? 2 * n : n;
            int fluxCovered = hits.Count(h => h.Match.FluxLow <= h.Truth.Flux && h.Truth.Flux <= h.Match.FluxHigh);
            int axesCovered = hits.Sum(h => (Math.Abs(h.Match.X - h.Truth.X) <= h.Match.XStd ? 1 : 0) + (Math.Abs(h.Match.Y - h.Truth.Y) <= h.Match.YStd ? 1 : 0));
            allFlux += hits.Count;
            allFluxCovered += fluxCovered;
            allAxes += 2 * hits.Count;
            allAxesCovered += axesCovered;
            md.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {referenceHits}/{total} | {hits.Count}/{total} | {Percent(hits.Count, total)} {Wilson(hits.Count, total)} | {Fraction(fluxCovered, hits.Count)} | {Wilson(fluxCovered, hits.Count)} | {Fraction(axesCovered, 2 * hits.Count)} | {Wilson(axesCovered, 2 * hits.Count)} | {Median(hits.Select(h => Math.Abs(h.Match.Flux - h.Truth.Flux) / h.Truth.Flux)):P1} | {Median(hits.Select(h => Distance(h.Match, h.Truth))):F2} |");
        }

        int found = matched.Sum(m => m.Isolated.Count + m.Pair.Count);
        int foundReference = reference.Sum(m => m.Isolated.Count + m.Pair.Count);
        int falses = matched.Sum(m => m.False);
        int falsesReference = reference.Sum(m => m.False);
        int fieldsWithFalse = matched.Count(m => m.False > 0);
        int fieldsWithFalseReference = reference.Count(m => m.False > 0);
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Real sources found: {found}/{12 * n} ({(double)found / n:F2} per field) at p_det ≥ {threshold:0.00}; {foundReference}/{12 * n} ({(double)foundReference / n:F2} per field) at p_det ≥ {Reference}: **{found - foundReference:+0;-0;0} sources** ({(double)(found - foundReference) / n:+0.00;-0.00;0} per field).");
        md.AppendLine(CultureInfo.InvariantCulture, $"- False positives (entries matching no injected source): {falses} in {n} fields at p_det ≥ {threshold:0.00} ({(double)falses / n:F3} per field; fields with one: {fieldsWithFalse}/{n} {Wilson(fieldsWithFalse, n)}); at p_det ≥ {Reference}: {falsesReference} ({fieldsWithFalseReference}/{n} fields {Wilson(fieldsWithFalseReference, n)}).");
        md.AppendLine(CultureInfo.InvariantCulture, $"- 68 % flux intervals cover the truth for {Fraction(allFluxCovered, allFlux)} {Wilson(allFluxCovered, allFlux)} of the recovered sources; ±1 std position intervals for {Fraction(allAxesCovered, allAxes)} {Wilson(allAxesCovered, allAxes)} of their coordinates.");
        md.AppendLine();
        md.AppendLine("Recovered sources by posterior detection probability (all fields, every cluster):");
        md.AppendLine();
        md.AppendLine("| p_det | real | false |");
        md.AppendLine("|---|---|---|");
        var all = runs.Select(r => Match(r, 0)).ToList();
        double[] edges = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001];
        for (int e = 0; e + 1 < edges.Length; e++)
        {
            bool In(CatalogueSource c) => c.DetectionProbability >= edges[e] && c.DetectionProbability < edges[e + 1];
            int real = all.Sum(m => m.Isolated.Count(i => In(i.Match)) + m.Pair.Count(p => In(p.Match)));
            int total = runs.Sum(r => r.Result.Catalogue.Count(In));
            md.AppendLine(CultureInfo.InvariantCulture, $"| [{edges[e]:0.00}, {Math.Min(1, edges[e + 1]):0.00}{(e + 2 == edges.Length ? "]" : ")")} | {real} | {total - real} |");
        }

        md.AppendLine();
        md.AppendLine("| seed | σ estimated (mJy) | clusters | kept | false | pair halves | annealing steps | evaluations | wall (s) | M eval/s |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < n; i++)
        {
            var r = runs[i].Result;
            md.AppendLine(CultureInfo.InvariantCulture, $"| {runs[i].Seed} | {r.Sigma * 1e3:F3} | {r.Catalogue.Count} | {r.Catalogue.Count(c => Kept(c, r.Sigma, threshold, snrCut))} | {matched[i].False} | {matched[i].Pair.Count} | {r.Schedule.Count} | {r.Evaluations:N0} | {r.WallTime.TotalSeconds:F2} | {r.EvaluationsPerSecond / 1e6:F2} |");
        }
    }

    /// <summary>Every cluster of every field (no threshold) with its match: the raw material of the calibration.</summary>
    private static void WriteClusters(string path, List<FieldRun> runs)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("seed,x,y,x_std,y_std,flux,flux_lo,flux_hi,p_det,sigma,real,true_snr,nearest_truth_px,nearest_truth_snr");
        foreach (var run in runs)
        {
            var (isolated, pair, _) = Match(run, 0);
            var truths = run.Isolated.Zip(RecoveryField.Snr).Select(t => (Truth: t.First, Snr: t.Second)).Append((run.Pair.A, 10.0)).Append((run.Pair.B, 10.0)).ToList();
            foreach (var c in run.Result.Catalogue)
            {
                double snr = isolated.Where(i => i.Match == c).Select(i => i.Snr).Concat(pair.Where(p => p.Match == c).Select(_ => 10.0)).DefaultIfEmpty(double.NaN).First();
                var nearest = truths.OrderBy(t => Distance(c, t.Item1)).First();
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run.Seed},{c.X},{c.Y},{c.XStd},{c.YStd},{c.Flux},{c.FluxLow},{c.FluxHigh},{c.DetectionProbability},{run.Result.Sigma},{(double.IsNaN(snr) ? 0 : 1)},{snr},{Distance(c, nearest.Item1)},{nearest.Item2}"));
            }
        }
    }

    /// <summary>Wilson score interval for k successes in n trials at 95 %.</summary>
    internal static (double Low, double High) WilsonInterval(int k, int n)
    {
        if (n == 0)
        {
            return (0, 1);
        }

        double p = (double)k / n, z2 = Z95 * Z95;
        double centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        double half = Z95 * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n))) / (1 + (z2 / n));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    private static string Wilson(int k, int n)
    {
        if (n == 0)
        {
            return "–";
        }

        var (lo, hi) = WilsonInterval(k, n);
        return string.Create(CultureInfo.InvariantCulture, $"[{100 * lo:F0}, {100 * hi:F0}] %");
    }

    private static string Percent(int k, int n) => string.Create(CultureInfo.InvariantCulture, $"{100.0 * k / n:F0} %");

    private static string Fraction(int k, int n) => n == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{k}/{n} = {100.0 * k / n:F0} %");

    private static double Distance(CatalogueSource c, SimulatedSource t) => Math.Sqrt(((c.X - t.X) * (c.X - t.X)) + ((c.Y - t.Y) * (c.Y - t.Y)));

    private static double Median(IEnumerable<double> values)
    {
        var s = values.Order().ToArray();
        if (s.Length == 0)
        {
            return double.NaN;
        }

        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[(s.Length / 2) - 1] + s[s.Length / 2]);
    }

    private sealed record FieldRun(int Seed, List<SimulatedSource> Isolated, (SimulatedSource A, SimulatedSource B) Pair, SourceFinderResult Result);

    private sealed record Options(int Fields, int FirstSeed, int CalibrationFields, int CalibrationFirstSeed, double Rate, int Oversample, double? Slope, double? Threshold, double? SnrCut, string? Output, string? Clusters)
    {
        public static Options Parse(string[] args)
        {
            var values = new Dictionary<string, string>();
            for (int i = 0; i < args.Length; i += 2)
            {
                if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                {
                    throw new ArgumentException($"basc-recovery: expected --name value pairs, got '{args[i]}'");
                }

                values[args[i][2..]] = args[i + 1];
            }

            int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
            double? Real(string name) => values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : null;
            return new Options(
                Int("fields", 50),
                Int("first-seed", 101),
                Int("calibration-fields", 30),
                Int("calibration-first-seed", 1001),
                Real("rate") ?? 0.1,
                Int("oversample", 1),
                Real("slope"),
                Real("threshold"),
                Real("snr-cut"),
                values.GetValueOrDefault("out"),
                values.GetValueOrDefault("clusters"));
        }
    }
}
