using System.Globalization;
using Stoa.Fits;

namespace Stoa.Basc.Simulation;

/// <summary>A simulated observation: dirty map, dirty beam, optional primary beam and the truth.</summary>
public sealed class SimulatedField
{
    internal SimulatedField(SkyImage map, SkyImage psf, SkyImage? primaryBeam, IReadOnlyList<SimulatedSource> sources, double sigma, int visibilities)
    {
        Map = map;
        Psf = psf;
        PrimaryBeam = primaryBeam;
        Sources = sources;
        Sigma = sigma;
        Visibilities = visibilities;
    }

    /// <summary>The dirty map (Jy/beam).</summary>
    public SkyImage Map { get; }

    /// <summary>The dirty beam, peak 1 at (M/2, M/2).</summary>
    public SkyImage Psf { get; }

    /// <summary>The primary beam, or <see langword="null"/>.</summary>
    public SkyImage? PrimaryBeam { get; }

    /// <summary>The true sources.</summary>
    public IReadOnlyList<SimulatedSource> Sources { get; }

    /// <summary>The map-plane noise σ (Jy/beam).</summary>
    public double Sigma { get; }

    /// <summary>Number of (u, v) samples gridded, counting each baseline and its conjugate.</summary>
    public int Visibilities { get; }

    /// <summary>
    /// Writes <c>map.fits</c>, <c>psf.fits</c>, <c>pb.fits</c> (when there is a primary beam) as 4-D CASA-style images
    /// (numpy shape (1, 1, M, M); RA---SIN/DEC--SIN, FREQ, STOKES axes) and <c>truth.csv</c> (x, y, flux_jy) into
    /// <paramref name="directory"/>.
    /// </summary>
    /// <param name="directory">Destination, created if missing.</param>
    /// <param name="referenceRa">Right ascension of pixel (M/2, M/2) in degrees.</param>
    /// <param name="referenceDec">Declination of pixel (M/2, M/2) in degrees.</param>
    /// <param name="pixelScale">Pixel size in degrees.</param>
    /// <returns>The paths written.</returns>
    public IReadOnlyList<string> WriteFits(string directory, double referenceRa = 150.0, double referenceDec = -60.0, double pixelScale = 1.0 / 3600)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        void Image(SkyImage image, string name, string unit)
        {
            var fits = FitsImage.CreateCasaPlane(image.Pixels.ToArray(), image.Width, image.Height);
            int m = image.Width;
            CelestialWcs.Create(FitsProjection.Sin, referenceRa, referenceDec, (m / 2) + 1, (m / 2) + 1, -pixelScale, pixelScale).WriteTo(fits.Header);
            fits.Header.Set("CTYPE3", "FREQ");
            fits.Header.Set("CRVAL3", 1.4e9);
            fits.Header.Set("CDELT3", 1e6);
            fits.Header.Set("CRPIX3", 1.0);
            fits.Header.Set("CUNIT3", "Hz");
            fits.Header.Set("CTYPE4", "STOKES");
            fits.Header.Set("CRVAL4", 1.0);
            fits.Header.Set("CDELT4", 1.0);
            fits.Header.Set("CRPIX4", 1.0);
            fits.Header.Set("BUNIT", unit);
            fits.Header.AddHistory("Simulated by Stoa.Basc FieldSimulator");
            string path = Path.Combine(directory, name);
            FitsFile.Write(path, fits);
            written.Add(path);
        }

        Image(Map, "map.fits", "Jy/beam");
        Image(Psf, "psf.fits", "Jy/beam");
        if (PrimaryBeam is not null)
        {
            Image(PrimaryBeam, "pb.fits", "");
        }

        string truth = Path.Combine(directory, "truth.csv");
        using (var w = new StreamWriter(truth))
        {
            w.WriteLine("x,y,flux_jy");
            foreach (var s in Sources)
            {
                w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.X:R},{s.Y:R},{s.Flux:R}"));
            }
        }

        written.Add(truth);
        return written;
    }
}
