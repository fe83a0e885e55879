using System.Globalization;
using System.Text.Json;

namespace Stoa.Basc.Output;

/// <summary>Writes a run's results in the files the <c>stoa basc find</c> command produces.</summary>
public static class ResultWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Writes the catalogue as CSV with the columns <c>x, y, x_err, y_err, flux_jy, flux_lo, flux_hi, p_det</c> and, when the
    /// map has a WCS, <c>ra, dec, ra_err, dec_err</c> (degrees; ra_err in degrees of RA). x and y are 0-based pixels of the input FITS array, x along NAXIS1,
    /// pixel centres at integers; flux_lo and flux_hi are the 16 % and 84 % quantiles.
    /// </summary>
    /// <param name="result">The run.</param>
    /// <param name="writer">Destination.</param>
    public static void WriteCatalogueCsv(SourceFinderResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        bool wcs = result.HasWorldCoordinates;
        writer.Write("x,y,x_err,y_err,flux_jy,flux_lo,flux_hi,p_det");
        writer.WriteLine(wcs ? ",ra,dec,ra_err,dec_err" : string.Empty);
        foreach (var s in result.Catalogue)
        {
            writer.Write(string.Join(',', new[] { s.X, s.Y, s.XStd, s.YStd, s.Flux, s.FluxLow, s.FluxHigh, s.DetectionProbability }.Select(Format)));
            if (wcs)
            {
                writer.Write($",{Format(s.Ra ?? double.NaN)},{Format(s.Dec ?? double.NaN)},{Format(s.RaError ?? double.NaN)},{Format(s.DecError ?? double.NaN)}");
            }

            writer.WriteLine();
        }
    }

    /// <summary>
    /// Writes the full chain as CSV: <c>sample, x, y, flux_jy, logl</c>, one row per source per recorded sample. x and y are
    /// continuous pixel coordinates of the input array in which pixel p spans [p, p+1) (SPEC §Outputs).
    /// </summary>
    /// <param name="result">The run.</param>
    /// <param name="writer">Destination.</param>
    public static void WriteChainCsv(SourceFinderResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        var chars = new char[0];
        ChainCsv.Write(result.Chain, bytes =>
        {
            // The lines are ASCII, one char per byte.
            if (chars.Length < bytes.Length)
            {
                chars = new char[bytes.Length];
            }

            int n = System.Text.Encoding.ASCII.GetChars(bytes, chars);
            writer.Write(chars, 0, n);
        });
    }

    /// <summary>
    /// Writes the chain CSV of <see cref="WriteChainCsv(SourceFinderResult, TextWriter)"/> as UTF-8 straight to a stream:
    /// the fast path for millions of rows (no text encoder in between).
    /// </summary>
    /// <param name="result">The run.</param>
    /// <param name="stream">Destination.</param>
    public static void WriteChainCsv(SourceFinderResult result, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        ChainCsv.Write(result.Chain, stream.Write);
    }

    /// <summary>
    /// Writes run.json: σ, seed, evaluations, wall time, evaluations per second, evidence, acceptance, the options and any
    /// warnings, plus <paramref name="inputs"/> (e.g. the file names the caller read).
    /// </summary>
    /// <param name="result">The run.</param>
    /// <param name="stream">Destination.</param>
    /// <param name="inputs">Extra string fields recorded under "inputs", or <see langword="null"/>.</param>
    public static void WriteRunJson(SourceFinderResult result, Stream stream, IReadOnlyDictionary<string, string>? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        var o = result.Options;
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        if (inputs is not null)
        {
            json.WriteStartObject("inputs");
            foreach (var (k, v) in inputs)
            {
                json.WriteString(k, v);
            }

            json.WriteEndObject();
        }

        json.WriteNumber("sigma", result.Sigma);
        json.WriteString("sigma_source", o.Noise is null ? $"estimated ({o.NoiseMethod})" : "given");
        json.WriteNumber("seed", o.Seed);
        json.WriteNumber("map_size", result.MapSize);
        json.WriteNumber("evaluations", result.Evaluations);
        json.WriteNumber("wall_seconds", result.WallTime.TotalSeconds);
        json.WriteNumber("annealing_seconds", result.AnnealingTime.TotalSeconds);
        json.WriteNumber("sampling_seconds", result.SamplingTime.TotalSeconds);
        json.WriteNumber("evaluations_per_second", result.EvaluationsPerSecond);
        json.WriteNumber("threads", o.Threads);
        json.WriteNumber("acceptance_rate", result.AcceptanceRate);
        json.WriteNumber("log_evidence", result.LogEvidence);
        json.WriteNumber("annealing_steps", result.Schedule.Count);
        json.WriteNumber("samples", result.Samples.Count);
        json.WriteNumber("chain_rows", result.Chain.Count);
        json.WriteNumber("sources", result.Catalogue.Count);
        json.WriteString("chain_coordinates", "pixel p spans [p, p+1), x along NAXIS1");
        json.WriteString("catalogue_coordinates", "0-based pixels, centres at integers, x along NAXIS1");
        json.WriteStartObject("options");
        json.WriteNumber("rate", o.Rate);
        json.WriteNumber("ensemble_size", o.EnsembleSize);
        json.WriteNumber("min_atoms", o.MinAtoms);
        json.WriteNumber("max_atoms", o.MaxAtoms);
        json.WriteNumber("alpha", o.Alpha);
        json.WriteNumber("flux_scale", result.FluxScale);
        if (o.FluxPriorSlope is { } slope)
        {
            double low = o.FluxPriorMin ?? result.Sigma;
            json.WriteNumber("flux_prior_slope", slope);
            json.WriteNumber("flux_prior_min", low);
            json.WriteNumber("flux_prior_max", o.FluxPriorMax ?? (1e6 * low));
        }

        json.WriteNumber("proposals_per_sweep", o.ProposalsPerSweep);
        json.WriteNumber("cluster_radius", o.ClusterRadius);
        json.WriteNumber("cluster_min_samples", o.ClusterMinSamples);
        json.WriteNumber("cluster_min_fraction", o.ClusterMinFraction);
        json.WriteNumber("min_detection_probability", o.MinDetectionProbability);
        json.WriteBoolean("split_blends", o.SplitBlends);
        json.WriteBoolean("normalise_psf", o.NormalisePsf);
        json.WriteEndObject();
        json.WriteStartArray("warnings");
        foreach (var w in result.Warnings)
        {
            json.WriteStringValue(w);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// Writes every data output of a run into <paramref name="directory"/> (created if missing): <c>catalogue.csv</c>,
    /// <c>chain.csv</c>, <c>catalogue.fits</c> and <c>run.json</c>. The PNG figures are the Stoa.Basc.Plots package's
    /// (<c>ResultPlots.SaveAll</c>), so that this package pulls no graphics libraries.
    /// </summary>
    /// <param name="result">The run.</param>
    /// <param name="directory">Destination directory.</param>
    /// <param name="inputs">Extra fields for run.json (e.g. input file names), or <see langword="null"/>.</param>
    /// <returns>The paths written, in the order above.</returns>
    public static IReadOnlyList<string> WriteAll(SourceFinderResult result, string directory, IReadOnlyDictionary<string, string>? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        string Path(string name)
        {
            string p = System.IO.Path.Combine(directory, name);
            written.Add(p);
            return p;
        }

        using (var w = new StreamWriter(Path("catalogue.csv")))
        {
            WriteCatalogueCsv(result, w);
        }

        using (var f = new FileStream(Path("chain.csv"), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 20))
        {
            WriteChainCsv(result, f);
        }

        CatalogueFits.Write(result, Path("catalogue.fits"));
        using (var f = File.Create(Path("run.json")))
        {
            WriteRunJson(result, f, inputs);
        }

        return written;
    }

    private static string Format(double v) => v.ToString("R", Invariant);
}
