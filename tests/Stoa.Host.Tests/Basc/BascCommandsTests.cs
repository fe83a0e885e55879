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
        Assert.Equal("x,y,x_err,y_err,flux_jy,flux_lo,flux_hi,p_det,ra,dec", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        Assert.Equal(2, rows.Count);
        var bright = rows.OrderByDescending(r => r[4]).First();
        Assert.InRange(bright[0], 29, 31);
        Assert.InRange(bright[1], 32, 34);

        // The simulator's WCS: RA---SIN with CDELT1 = −1″ and the reference at pixel 32: 2 pixels to the left is +2″ in RA.
        Assert.InRange(bright[8], 150 + (1.5 / 3600 / Math.Cos(-60 * Math.PI / 180)), 150 + (2.5 / 3600 / Math.Cos(-60 * Math.PI / 180)));
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
