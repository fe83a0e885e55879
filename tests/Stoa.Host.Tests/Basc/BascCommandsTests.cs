using System.CommandLine;
using System.Globalization;
using Stoa.Host.Commands.Basc;

namespace Stoa.Host.Tests.Basc;

/// <summary>End to end: simulate FITS inputs, run <c>stoa basc find</c> on them, check the files the issue lists.</summary>
public sealed class BascCommandsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("stoa-basc").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static int Invoke(params string[] args)
    {
        var root = new RootCommand { BascCommands.Create() };
        return root.Parse(args).Invoke();
    }

    [Fact]
    public void Find_On_Simulated_Fits_Writes_Catalogue_Chain_Fits_Plots_And_Run_Json()
    {
        string input = Path.Combine(_dir, "in");
        string output = Path.Combine(_dir, "out");
        Assert.Equal(0, Invoke("basc", "simulate", input, "--size", "64", "--source", "30,33,0.02", "--source", "40.5,25,0.015", "--pb-fwhm", "80"));
        Assert.Equal(0, Invoke("basc", "find", Path.Combine(input, "map.fits"), Path.Combine(input, "psf.fits"), "--pb", Path.Combine(input, "pb.fits"),
            "--out", output, "--seed", "3", "--rate", "0.5", "--samples", "300"));
        foreach (var name in new[] { "catalogue.csv", "chain.csv", "catalogue.fits", "map.png", "flux_histograms.png", "traces.png", "run.json" })
        {
            Assert.True(File.Exists(Path.Combine(output, name)), name);
        }

        var lines = File.ReadAllLines(Path.Combine(output, "catalogue.csv"));
        Assert.Equal("x,y,x_err,y_err,flux_jy,flux_lo,flux_hi,p_det,ra,dec,ra_err,dec_err", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.Equal(2, rows.Count);
        var bright = rows.OrderByDescending(r => r[4]).First();
        Assert.InRange(bright[0], 29, 31);
        Assert.InRange(bright[1], 32, 34);

        // The simulator's WCS: RA---SIN with CDELT1 = −1″ and the reference at pixel 32: 2 pixels to the left is +2″ in RA.
        Assert.InRange(bright[8], 150 + (1.5 / 3600 / Math.Cos(-60 * Math.PI / 180)), 150 + (2.5 / 3600 / Math.Cos(-60 * Math.PI / 180)));
    }

    /// <summary>
    /// A map as CASA writes it — 4-D, 96 × 64 (not square), NaN outside a circle — and its 96 × 64 PSF run through
    /// <c>stoa basc find</c>: the source is found, with RA/Dec errors; a search area too large is bad input (exit 2).
    /// </summary>
    [Fact]
    public void Find_Runs_On_A_Nan_Blanked_Non_Square_Casa_Map()
    {
        var field = Stoa.Basc.Simulation.FieldSimulator.Simulate(new Stoa.Basc.Simulation.SimulationOptions { Size = 96, Sources = [new(44.2, 49.6, 0.02)] });
        string Write(Stoa.Basc.SkyImage image, string name, bool blank)
        {
            var pixels = new double[96 * 64];
            for (int y = 0; y < 64; y++)
            {
                for (int x = 0; x < 96; x++)
                {
                    bool outside = ((x - 48) * (x - 48)) + ((y - 32) * (y - 32)) > 26 * 26;
                    pixels[(y * 96) + x] = blank && outside ? double.NaN : image[x, y + 16];
                }
            }

            var fits = Stoa.Fits.FitsImage.CreateCasaPlane(pixels, 96, 64);
            Stoa.Fits.CelestialWcs.Create(Stoa.Fits.FitsProjection.Sin, 150, -60, 49, 33, -1.0 / 3600, 1.0 / 3600).WriteTo(fits.Header);
            string path = Path.Combine(_dir, name);
            Stoa.Fits.FitsFile.Write(path, fits);
            return path;
        }

        string map = Write(field.Map, "blanked.fits", blank: true);
        string psf = Write(field.Psf, "psf64.fits", blank: false);
        string output = Path.Combine(_dir, "wide-out");
        Assert.Equal(0, Invoke("basc", "find", map, psf, "--out", output, "--seed", "2", "--samples", "300"));
        var rows = File.ReadAllLines(Path.Combine(output, "catalogue.csv")).Skip(1)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        var found = Assert.Single(rows);
        Assert.InRange(found[0], 43.2, 45.2);
        Assert.InRange(found[1], 32.6, 34.6);
        Assert.InRange(found[10], 1e-9, 1.0 / 3600);
        Assert.InRange(found[11], 1e-9, 1.0 / 3600);
        Assert.Equal(2, Invoke("basc", "find", map, psf, "--out", output, "--search", "0,0,60,10"));
    }

    [Fact]
    public void Find_Names_A_Missing_File()
    {
        using var error = new StringWriter();
        var saved = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(2, Invoke("basc", "find", Path.Combine(_dir, "nope.fits"), Path.Combine(_dir, "psf.fits"), "--out", _dir));
        }
        finally
        {
            Console.SetError(saved);
        }

        Assert.Contains("nope.fits: no such file", error.ToString(), StringComparison.Ordinal);
    }
}
