namespace Stoa.Basc.Input;

/// <summary>
/// Checks a map, PSF and primary beam before a run and prepares them: every problem becomes a
/// <see cref="BascInputException"/> naming the image and what is wrong, never a crash deep in the sampler.
/// </summary>
internal static class InputValidator
{
    /// <summary>Relative tolerance on the PSF's centre value being 1 and being the peak.</summary>
    public const double PeakTolerance = 1e-3;

    /// <summary>
    /// Validates the inputs; returns the PSF to use (normalised when allowed), the primary beam with NaN → 0, the map
    /// with blanked (NaN or infinite) pixels set to 0, and which pixels were blanked (null when none were).
    /// </summary>
    /// <remarks>
    /// CASA blanks pixels outside its mask with NaN. They carry no data: they are masked — left out of the noise estimate
    /// and of the position prior (no source can sit on one) — rather than refused. A blanked pixel can still lie within
    /// a beam of a source; its value would only have entered log L at a source position, so nothing else changes.
    /// </remarks>
    public static (double[] Psf, double[]? PrimaryBeam, double[] Map, bool[]? Blanked) Validate(
        SkyImage map,
        SkyImage psf,
        SkyImage? primaryBeam,
        SearchArea area,
        SourceFinderOptions options,
        List<string> warnings)
    {
        string mapName = map.NameOr("map");
        string psfName = psf.NameOr("PSF");
        if (psf.Width != map.Width || psf.Height != map.Height)
        {
            throw new BascInputException(psfName, $"the PSF is {psf.Width} × {psf.Height} but the map {mapName} is {map.Width} × {map.Height}; they must be the same size");
        }

        int m = map.Width, h = map.Height;
        if (m < 8 || h < 8)
        {
            throw new BascInputException(mapName, $"the map is {m} × {h}; at least 8 × 8 is needed");
        }

        if (area.Width < 1 || area.Height < 1 || area.X < 0 || area.Y < 0 || area.X + area.Width > m || area.Y + area.Height > h)
        {
            throw new BascInputException(mapName, $"the search area ({area.X}, {area.Y}) {area.Width} × {area.Height} does not lie inside the {m} × {h} map");
        }

        if (area.Width > m / 2 || area.Height > h / 2)
        {
            throw new BascInputException(mapName, $"the search area is {area.Width} × {area.Height}; at most {m / 2} × {h / 2} (half the map) keeps every offset between two sources inside the PSF");
        }

        FirstNonFinite(psf, psfName, "PSF");
        var mapPixels = map.Pixels.ToArray();
        bool[]? blanked = null;
        int blankedCount = 0, blankedSearched = 0;
        bool anyNonZero = false;
        for (int i = 0; i < mapPixels.Length; i++)
        {
            if (!double.IsFinite(mapPixels[i]))
            {
                blanked ??= new bool[mapPixels.Length];
                blanked[i] = true;
                mapPixels[i] = 0;
                blankedCount++;
                blankedSearched += area.Contains(i % m, i / m) ? 1 : 0;
            }
            else
            {
                anyNonZero |= mapPixels[i] != 0;
            }
        }

        if (!anyNonZero)
        {
            throw new BascInputException(mapName, blankedCount > 0 ? "every pixel of the map is zero or blanked (NaN)" : "every pixel of the map is zero");
        }

        if (blankedSearched == area.Width * area.Height)
        {
            throw new BascInputException(mapName, $"every pixel of the searched square (({area.X}, {area.Y}) {area.Width} × {area.Height}) is blanked (NaN)");
        }

        if (blankedCount > 0)
        {
            warnings.Add($"{mapName}: {blankedCount} blanked (NaN/infinite) map pixel(s) masked: no source is placed on them and they are left out of the noise estimate");
        }

        int c = m / 2, ch = h / 2;
        double centre = psf[c, ch];
        double peak = double.NegativeInfinity;
        int px = 0, py = 0;
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < m; x++)
            {
                if (psf[x, y] > peak)
                {
                    peak = psf[x, y];
                    px = x;
                    py = y;
                }
            }
        }

        if (peak > centre * (1 + PeakTolerance) || !(centre > 0))
        {
            throw new BascInputException(psfName, $"the PSF peak ({peak:G6}) is at pixel ({px}, {py}), not at the centre ({c}, {ch}) where it is {centre:G6}");
        }

        var psfPixels = psf.Pixels.ToArray();
        if (Math.Abs(centre - 1) > PeakTolerance)
        {
            if (!options.NormalisePsf)
            {
                throw new BascInputException(psfName, $"the PSF peak at ({c}, {ch}) is {centre:G6}, not 1; pass NormalisePsf (--normalise-psf) to divide the PSF by it");
            }

            warnings.Add($"{psfName}: the PSF peak was {centre:G6}; the PSF has been divided by it");
            System.Numerics.Tensors.TensorPrimitives.Divide(psfPixels, centre, psfPixels);
        }

        double[]? pb = null;
        if (primaryBeam is not null)
        {
            string pbName = primaryBeam.NameOr("primary beam");
            if (primaryBeam.Width != m || primaryBeam.Height != h)
            {
                throw new BascInputException(pbName, $"the primary beam is {primaryBeam.Width} × {primaryBeam.Height} but the map {mapName} is {m} × {h}");
            }

            pb = primaryBeam.Pixels.ToArray();
            int nan = 0;
            for (int i = 0; i < pb.Length; i++)
            {
                if (!double.IsFinite(pb[i]))
                {
                    pb[i] = 0;
                    nan++;
                }
                else if (pb[i] < 0)
                {
                    throw new BascInputException(pbName, $"the primary beam is negative ({pb[i]:G6}) at pixel ({i % m}, {i / m})");
                }
            }

            if (nan > 0)
            {
                warnings.Add($"{pbName}: {nan} NaN/infinite primary-beam pixels treated as 0 (no sensitivity)");
            }
        }

        return (psfPixels, pb, mapPixels, blanked);
    }

    private static void FirstNonFinite(SkyImage image, string name, string what)
    {
        var p = image.Pixels;
        int count = 0;
        int first = -1;
        for (int i = 0; i < p.Length; i++)
        {
            if (!double.IsFinite(p[i]))
            {
                count++;
                if (first < 0)
                {
                    first = i;
                }
            }
        }

        if (count > 0)
        {
            throw new BascInputException(name, $"the {what} has {count} NaN or infinite pixel(s), the first at ({first % image.Width}, {first / image.Width}); a {what} must be finite everywhere");
        }
    }
}
