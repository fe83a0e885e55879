using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Stoa.Basc;
using Stoa.Basc.Input;
using Stoa.Basc.Output;
using Stoa.Basc.Plots;
using Stoa.Basc.Simulation;

namespace Stoa.Host.Commands.Basc;

/// <summary>
/// <c>stoa basc find MAP.fits PSF.fits [--pb PB.fits] [--out DIR] [--seed N] [--rate R] [--noise SIGMA] [--min-p P]
/// [--flux-slope G]</c>: finds point sources in a dirty map, prints each with its posterior detection probability and
/// writes the catalogue, chain, figures and run record. A thin wrapper over
/// <see cref="SourceFinder.Run"/>, <see cref="ResultWriter.WriteAll"/> and <see cref="ResultPlots.SaveAll"/>.
/// </summary>
internal static class BascCommands
{
    /// <summary>Builds the <c>basc</c> command group.</summary>
    public static Command Create()
    {
        var map = new Argument<FileInfo>("MAP") { Description = "The dirty map (FITS image, 2-D or CASA 4-D (1,1,M,M)), Jy/beam." };
        var psf = new Argument<FileInfo>("PSF") { Description = "The dirty beam (FITS image, same size as the map, peak 1 at (M/2, M/2))." };
        var pb = new Option<FileInfo?>("--pb") { Description = "Primary beam (FITS image, same size; NaN treated as 0)." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output directory (created if missing; not a file).", DefaultValueFactory = _ => new DirectoryInfo("basc-out") };
        output.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<DirectoryInfo>() is { } d && File.Exists(d.FullName))
            {
                r.AddError($"--out {d.FullName}: is a file; allowed values are directories (created if missing).");
            }
        });
        var seed = RangedValues.Whole("--seed", "Random seed; a run is deterministic for a seed.", 1);
        var rate = RangedValues.Positive("--rate", "Annealing rate, > 0 (0.5 default; 0.1 for careful runs).", 0.5);
        var noise = RangedValues.OptionalPositive("--noise", "Map noise σ in Jy/beam, > 0 (default: estimated from the map as the original BaSC does).");
        var samples = RangedValues.AtLeast("--samples", 1, "Posterior samples to record (1 or more).", new SourceFinderOptions().Samples);
        var threads = RangedValues.AtLeast("--threads", 1, "Threads for the walkers, 1 or more (results do not depend on it).", 1);
        var search = new Option<string?>("--search") { Description = "Search area X,Y,W,H in map pixels (0-based; at most half the map each way). Default: the central half, as the original BaSC." };
        var minP = RangedValues.Probability("--min-p", "Keep sources whose posterior detection probability is at least this (0–1; default calibrated on simulated fields).", new SourceFinderOptions().MinDetectionProbability);
        var fluxSlope = RangedValues.OptionalPositive("--flux-slope", "Flux prior dN/dS ∝ S^-slope between σ and 10⁶σ (default: the original's prior s/(s+F)²).");
        var normalise = new Option<bool>("--normalise-psf") { Description = "Divide the PSF by its centre value when that is not 1 (with a warning)." };
        var find = new Command("find", "Find point sources in a dirty map (Bayesian, reversible-jump MCMC).")
        {
            map, psf, pb, output, seed, rate, noise, samples, threads, search, minP, fluxSlope, normalise,
        };
        find.SetAction((parse, cancellationToken) => ParseSearchArea(parse.GetValue(search)) is not { } area
            ? Task.FromResult(2)
            : Task.FromResult(Find(
            parse.GetValue(map)!,
            parse.GetValue(psf)!,
            parse.GetValue(pb),
            parse.GetValue(output)!,
            new SourceFinderOptions
            {
                Seed = parse.GetValue(seed),
                Rate = parse.GetValue(rate),
                Noise = parse.GetValue(noise),
                Samples = parse.GetValue(samples),
                Threads = parse.GetValue(threads),
                NormalisePsf = parse.GetValue(normalise),
                SearchArea = area.Value,
                MinDetectionProbability = parse.GetValue(minP),
                FluxPriorSlope = parse.GetValue(fluxSlope),
            },
            cancellationToken)));

        return new Command("basc", "Bayesian source characterisation (BaSC) in radio dirty maps.") { find, CreateSimulate() };
    }

    /// <summary><c>stoa basc simulate DIR [--size M] [--sigma S] [--seed N] [--source X,Y,FLUX]… [--pb-fwhm PIX]</c>.</summary>
    private static Command CreateSimulate()
    {
        var directory = new Argument<DirectoryInfo>("DIR") { Description = "Where to write map.fits, psf.fits, pb.fits and truth.csv." };
        var size = RangedValues.AtLeast("--size", 8, "Map side M in pixels (8 or more).", 256);
        var sigma = new Option<double>("--sigma") { Description = "Map noise σ in Jy/beam.", DefaultValueFactory = _ => 1e-3 };
        var seed = RangedValues.Whole("--seed", "Noise seed.", 1);
        var sources = new Option<string[]>("--source") { Description = "A source as X,Y,FLUX (0-based pixels, Jy); repeat for more." };
        var pbFwhm = new Option<double?>("--pb-fwhm") { Description = "FWHM in pixels of a Gaussian primary beam (default: none)." };
        var simulate = new Command("simulate", "Simulate a dirty map and beam from a synthetic array (4-D CASA-style FITS).")
        {
            directory, size, sigma, seed, sources, pbFwhm,
        };
        simulate.SetAction(parse =>
        {
            var parsed = new List<SimulatedSource>();
            foreach (string text in parse.GetValue(sources) ?? [])
            {
                var parts = text.Split(',');
                if (parts.Length != 3 || !parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
                {
                    Console.Error.WriteLine($"stoa basc simulate: --source {text}: expected X,Y,FLUX (three numbers)");
                    return 2;
                }

                var v = parts.Select(p => double.Parse(p, CultureInfo.InvariantCulture)).ToArray();
                parsed.Add(new SimulatedSource(v[0], v[1], v[2]));
            }

            var field = FieldSimulator.Simulate(new SimulationOptions
            {
                Size = parse.GetValue(size),
                Sigma = parse.GetValue(sigma),
                NoiseSeed = parse.GetValue(seed),
                Sources = parsed,
                PrimaryBeamFwhm = parse.GetValue(pbFwhm),
            });
            foreach (var path in field.WriteFits(parse.GetValue(directory)!.FullName))
            {
                Console.WriteLine(path);
            }

            return 0;
        });
        return simulate;
    }

    /// <summary>Parses <c>--search X,Y,W,H</c>: null area when absent; null result (after a message) when malformed.</summary>
    private static (SearchArea? Value, bool Ok)? ParseSearchArea(string? text)
    {
        if (text is null)
        {
            return (null, true);
        }

        var parts = text.Split(',');
        if (parts.Length != 4 || !parts.All(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)))
        {
            Console.Error.WriteLine($"stoa basc find: --search {text}: expected X,Y,W,H (four integers, map pixels)");
            return null;
        }

        var v = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return (new SearchArea(v[0], v[1], v[2], v[3]), true);
    }

    private static int Find(FileInfo mapFile, FileInfo psfFile, FileInfo? pbFile, DirectoryInfo output, SourceFinderOptions options, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        try
        {
            var map = SkyImageFits.Read(mapFile.FullName);
            var psf = SkyImageFits.Read(psfFile.FullName);
            var pb = pbFile is null ? null : SkyImageFits.Read(pbFile.FullName);
            SourceFinderResult? result = null;
            console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask("annealing", maxValue: 1.0);
                    var progress = new InlineProgress(p =>
                    {
                        task.Description = p.Phase == SamplerPhase.Annealing
                            ? string.Create(CultureInfo.InvariantCulture, $"annealing β = {p.Beta:F3}")
                            : string.Create(CultureInfo.InvariantCulture, $"sampling {p.SamplesRecorded}/{p.SamplesWanted}");
                        task.Value = p.Fraction;
                    });
                    result = SourceFinder.Run(map, psf, options, pb, progress, cancellationToken);
                    task.Value = 1.0;
                });

            foreach (var warning in result!.Warnings)
            {
                console.MarkupLineInterpolated($"[yellow]warning:[/] {warning}");
            }

            var inputs = new Dictionary<string, string> { ["map"] = mapFile.FullName, ["psf"] = psfFile.FullName };
            if (pbFile is not null)
            {
                inputs["primary_beam"] = pbFile.FullName;
            }

            var written = ResultWriter.WriteAll(result, output.FullName, inputs).Concat(ResultPlots.SaveAll(result, map, output.FullName));
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.Catalogue.Count} source(s); σ = {result.Sigma:G4} Jy/beam; {result.Evaluations:N0} evaluations in {result.WallTime.TotalSeconds:F1} s ({result.EvaluationsPerSecond / 1e6:F2} M/s)"));
            foreach (var s in result.Catalogue)
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  x {s.X:F2}±{s.XStd:F2} y {s.Y:F2}±{s.YStd:F2}  {s.Flux:G3} Jy [{s.FluxLow:G3}, {s.FluxHigh:G3}]  p_det {s.DetectionProbability:F2}"));
            }

            foreach (var path in written)
            {
                console.WriteLine(path);
            }

            return 0;
        }
        catch (BascInputException e)
        {
            Console.Error.WriteLine($"stoa basc find: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The output directory cannot be made or written (no permission, a file on the way, a full disk): the
            // runtime's message names the path.
            Console.Error.WriteLine($"stoa basc find: --out {output.FullName}: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("stoa basc find: cancelled");
            return 130;
        }
    }

    /// <summary>Reports on the sampler's thread; Spectre's progress context is thread-safe.</summary>
    private sealed class InlineProgress(Action<SourceFinderProgress> report) : IProgress<SourceFinderProgress>
    {
        public void Report(SourceFinderProgress value) => report(value);
    }
}
