using Stoa.Fits;

namespace Stoa.Basc.Input;

/// <summary>Reads a dirty map, PSF or primary beam from a FITS file (through Stoa.Fits) as a <see cref="SkyImage"/>.</summary>
public static class SkyImageFits
{
    /// <summary>
    /// Reads the first image HDU with data: a 2-D image or a CASA-style cube whose extra axes have length 1 (e.g.
    /// (1, 1, M, M) in numpy order). BSCALE/BZERO are applied and BLANK pixels become NaN. When the header has a celestial
    /// WCS (SIN, TAN), <see cref="SkyImage.PixelToWorld"/> converts 0-based pixels to RA/Dec.
    /// </summary>
    /// <param name="path">The FITS file.</param>
    /// <returns>The image, with <see cref="SkyImage.Source"/> set to <paramref name="path"/>.</returns>
    /// <exception cref="BascInputException">The file is missing, not FITS, has no image, or the image is not a single plane.</exception>
    public static SkyImage Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new BascInputException(path, "no such file");
        }

        try
        {
            using var fits = FitsFile.Open(path);
            for (int i = 0; i < fits.Hdus.Count; i++)
            {
                if (fits.Hdus[i] is not FitsImage image || image.PixelCount == 0)
                {
                    continue;
                }

                if (!image.IsPlane)
                {
                    throw new BascInputException(path, $"HDU {i} has axes ({string.Join(", ", image.Axes)}) (NAXIS1 first); BaSC needs a single plane (2-D, or extra axes of length 1)");
                }

                var pixels = image.ReadPixels<double>();
                Func<double, double, (double, double)>? toWorld = null;
                if (CelestialWcs.TryFromHeader(image.Header, out var wcs))
                {
                    toWorld = wcs.PixelToWorld;
                }

                return new SkyImage(image.Width, image.Height, pixels, path) { PixelToWorld = toWorld };
            }

            throw new BascInputException(path, "the file holds no image with pixels");
        }
        catch (FitsFormatException e)
        {
            // Stoa.Fits prefixes file errors with the path; the exception adds it once already.
            string detail = e.Message.StartsWith(path + ": ", StringComparison.Ordinal) ? e.Message[(path.Length + 2)..] : e.Message;
            throw new BascInputException(path, $"not a readable FITS file: {detail}");
        }
        catch (IOException e)
        {
            throw new BascInputException(path, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new BascInputException(path, e.Message);
        }
    }
}
