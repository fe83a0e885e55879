using Stoa.Fits;

namespace Stoa.Basc.Output;

/// <summary>
/// Writes the catalogue as a FITS binary table (EXTNAME CATALOG) with the columns of catalogue.csv, units and UCDs;
/// RA/Dec columns appear when the map had a WCS. Header keywords record σ, the seed and the evidence.
/// </summary>
internal static class CatalogueFits
{
    public static void Write(SourceFinderResult result, string path)
    {
        var c = result.Catalogue;
        double[] Column(Func<CatalogueSource, double> f) => c.Select(f).ToArray();
        var columns = new List<FitsColumn>
        {
            new("x", Column(s => s.X)) { Unit = "pix", Ucd = "pos.cartesian.x", Display = "F9.3" },
            new("y", Column(s => s.Y)) { Unit = "pix", Ucd = "pos.cartesian.y", Display = "F9.3" },
            new("x_err", Column(s => s.XStd)) { Unit = "pix", Ucd = "stat.stdev;pos.cartesian.x" },
            new("y_err", Column(s => s.YStd)) { Unit = "pix", Ucd = "stat.stdev;pos.cartesian.y" },
            new("flux_jy", Column(s => s.Flux)) { Unit = "Jy", Ucd = "phot.flux.density;stat.median" },
            new("flux_lo", Column(s => s.FluxLow)) { Unit = "Jy", Ucd = "phot.flux.density;stat.min" },
            new("flux_hi", Column(s => s.FluxHigh)) { Unit = "Jy", Ucd = "phot.flux.density;stat.max" },
            new("p_det", Column(s => s.DetectionProbability)) { Ucd = "stat.probability" },
        };
        if (result.HasWorldCoordinates)
        {
            columns.Add(new FitsColumn("ra", Column(s => s.Ra ?? double.NaN)) { Unit = "deg", Ucd = "pos.eq.ra;meta.main" });
            columns.Add(new FitsColumn("dec", Column(s => s.Dec ?? double.NaN)) { Unit = "deg", Ucd = "pos.eq.dec;meta.main" });
            columns.Add(new FitsColumn("ra_err", Column(s => s.RaError ?? double.NaN)) { Unit = "deg", Ucd = "stat.error;pos.eq.ra" });
            columns.Add(new FitsColumn("dec_err", Column(s => s.DecError ?? double.NaN)) { Unit = "deg", Ucd = "stat.error;pos.eq.dec" });
        }

        var table = FitsTable.Create(columns);
        table.Name = "CATALOG";
        table.Header.Set("SIGMA", result.Sigma, "map noise sigma [Jy/beam]");
        table.Header.Set("SEED", result.Options.Seed, "sampler seed");
        table.Header.Set("LOGZ", result.LogEvidence, "log evidence vs the empty model");
        table.Header.Set("NSAMPLE", result.Samples.Count, "posterior samples");
        table.Header.AddComment("x, y: 0-based pixels of the input array, centres at integers, x along NAXIS1");
        table.Header.AddComment("flux_lo, flux_hi: 16 and 84 per cent quantiles of the per-sample summed flux");
        FitsFile.Write(path, table);
    }
}
