namespace Stoa.Basc.Input;

/// <summary>
/// Checks a map, PSF and primary beam before a run and prepares them: every problem becomes a
/// <see cref="BascInputException"/> naming the image and what is wrong, never a crash deep in the sampler.
/// </summary>
internal static class InputValidator
{
    /// <summary>Relative tolerance on the PSF's centre value being 1 and being the peak.</summary>
    public const double PeakTolerance = 1e-3;

    /// <summary>Validates the inputs; returns the PSF to use (normalised when allowed) and the primary beam with NaN → 0.</summary>
    public static (double[] Psf, double[]? PrimaryBeam) Validate(
        SkyImage map,
        SkyImage psf,
        SkyImage? primaryBeam,
        SourceFinderOptions options,
        List<string> warnings)
    {
        string mapName = map.NameOr("map");
        string psfName = psf.NameOr("PSF");
        if (map.Width != map.Height)
        {
            throw new BascInputException(mapName, $"the map is {map.Width} × {map.Height} (NAXIS1 × NAXIS2); BaSC needs a square map");
        }

        if (psf.Width != psf.Height)
        {
            throw new BascInputException(psfName, $"the PSF is {psf.Width} × {psf.Height} (NAXIS1 × NAXIS2); BaSC needs a square PSF");
        }

        if (psf.Width != map.Width)
        {
            throw new BascInputException(psfName, $"the PSF is {psf.Width} × {psf.Height} but the map {mapName} is {map.Width} × {map.Height}; they must be the same size");
        }

        int m = map.Width;
        if (m < 8)
        {
            throw new BascInputException(mapName, $"the map is {m} × {m}; at least 8 × 8 is needed");
        }

        FirstNonFinite(map, mapName, "map");
        FirstNonFinite(psf, psfName, "PSF");
        bool anyNonZero = false;
        foreach (double v in map.Pixels)
        {
            if (v != 0)
            {
                anyNonZero = true;
                break;
            }
        }

        if (!anyNonZero)
        {
            throw new BascInputException(mapName, "every pixel of the map is zero");
        }

        int c = m / 2;
        double centre = psf[c, c];
        double peak = double.NegativeInfinity;
        int px = 0, py = 0;
        for (int y = 0; y < m; y++)
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
            throw new BascInputException(psfName, $"the PSF peak ({peak:G6}) is at pixel ({px}, {py}), not at the centre ({c}, {c}) where it is {centre:G6}");
        }

        var psfPixels = psf.Pixels.ToArray();
        if (Math.Abs(centre - 1) > PeakTolerance)
        {
            if (!options.NormalisePsf)
            {
                throw new BascInputException(psfName, $"the PSF peak at ({c}, {c}) is {centre:G6}, not 1; pass NormalisePsf (--normalise-psf) to divide the PSF by it");
            }

            warnings.Add($"{psfName}: the PSF peak was {centre:G6}; the PSF has been divided by it");
            System.Numerics.Tensors.TensorPrimitives.Divide(psfPixels, centre, psfPixels);
        }

        double[]? pb = null;
        if (primaryBeam is not null)
        {
            string pbName = primaryBeam.NameOr("primary beam");
            if (primaryBeam.Width != m || primaryBeam.Height != m)
            {
                throw new BascInputException(pbName, $"the primary beam is {primaryBeam.Width} × {primaryBeam.Height} but the map {mapName} is {m} × {m}");
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

        return (psfPixels, pb);
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
            throw new BascInputException(name, $"the {what} has {count} NaN or infinite pixel(s), the first at ({first % image.Width}, {first / image.Width}); blank them to a value or crop the map");
        }
    }
}
