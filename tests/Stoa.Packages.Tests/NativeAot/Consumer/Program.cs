// A Native AOT consumer of the packed Stoa.Worktables, Stoa.Fits and Stoa.Basc (issue 20), published and run by
// NativeAotConsumerTests. Each step checks what it read back against what it wrote and exits 1 on a difference.
using System.Diagnostics;
using Stoa.Basc;
using Stoa.Basc.Input;
using Stoa.Basc.Simulation;
using Stoa.Fits;
using Stoa.Worktables;
using Stoa.Worktables.Cwl;
using Stoa.Worktables.Links;

var clock = Stopwatch.StartNew();
var failures = new List<string>();
void Check(bool ok, string what)
{
    if (!ok)
    {
        failures.Add(what);
    }
}

var dir = Directory.CreateTempSubdirectory("stoa-aot-consumer-").FullName;
var home = Directory.GetCurrentDirectory();
Directory.SetCurrentDirectory(dir);
try
{
    // Worktables: a SQLite project, a CWL-bound table with typed columns, a joined child table, rows in and out.
    File.WriteAllText("measure.cwl", """
        cwlVersion: v1.2
        class: ExpressionTool
        requirements:
          InlineJavascriptRequirement: {}
        inputs:
          obs_id: string
          threshold: double
          count: int
          bright: boolean
        outputs:
          flux: double
        expression: '$({"flux": inputs.threshold * inputs.count * (inputs.bright ? 2 : 1)})'
        """);
    File.WriteAllText("scale.cwl", """
        cwlVersion: v1.2
        class: ExpressionTool
        requirements:
          InlineJavascriptRequirement: {}
        inputs:
          obs_id: string
          flux: double?
        outputs:
          mjy: double
        expression: '$({"mjy": (inputs.flux || 0) * 1000})'
        """);
    var inputs = new Dictionary<string, (double Threshold, int Count, bool Bright)>
    {
        ["obs-041"] = (4.0, 3, false),
        ["obs-042"] = (2.5, 2, true),
        ["obs-<é>"] = (0.5, 7, true),
    };
    using (var project = WorktableProject.Open("survey.stoa"))
    {
        var table = project.CreateTable("fluxes", CwlWorkflow.Load("measure.cwl"), new WorktableOptions { KeyColumns = ["obs_id"] });
        var child = project.CreateTable("scaled", CwlWorkflow.Load("scale.cwl"), new WorktableOptions { KeyColumns = ["obs_id"] });
        project.Link(TableLink.Join("fluxes", "scaled", new Dictionary<string, string> { ["obs_id"] = "obs_id" }, new Dictionary<string, string> { ["flux"] = "flux" }));
        table.AddRows([.. inputs.Select(kv => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["obs_id"] = kv.Key, ["threshold"] = kv.Value.Threshold, ["count"] = kv.Value.Count, ["bright"] = kv.Value.Bright,
        })]);
        foreach (var key in inputs.Keys)
        {
            child.AddRow(new Dictionary<string, object?> { ["obs_id"] = key });
        }

        await project.RecomputeAllAsync(_ => new CwlRowExecutor());
        table.Edit(table.FindByKey("obs-042")!.RowId, "count", 4);
        inputs["obs-042"] = (2.5, 4, true);
        await project.RecomputeAllAsync(_ => new CwlRowExecutor());
    }

    using (var reopened = WorktableProject.OpenExisting("survey.stoa"))
    {
        var link = reopened.Links.Single();
        Check(link is { Kind: LinkKind.Join, Parent: "fluxes", Child: "scaled" } && link.On["obs_id"] == "obs_id" && link.Bind["flux"] == "flux", "the link read back");
        foreach (var (key, v) in inputs)
        {
            double flux = v.Threshold * v.Count * (v.Bright ? 2 : 1);
            var parent = reopened.OpenTable("fluxes").FindByKey(key);
            var scaled = reopened.OpenTable("scaled").FindByKey(key);
            Check(parent is not null && (double?)parent.Inputs["threshold"] == v.Threshold && (int?)parent.Inputs["count"] == v.Count
                && (bool?)parent.Inputs["bright"] == v.Bright && (double?)parent.Outputs["flux"] == flux, $"fluxes row {key}");
            Check(scaled is not null && (double?)scaled.Outputs["mjy"] == flux * 1000, $"scaled row {key}");
            Console.WriteLine($"worktable {key}: flux {parent?.Outputs["flux"]}, mjy {scaled?.Outputs["mjy"]}");
        }
    }

    // FITS: an image with a WCS and a binary table with fixed, nullable and variable-length columns.
    var written = Enumerable.Range(0, 64 * 64).Select(i => (float)i).ToArray();
    var image = FitsImage.CreateCasaPlane(written, width: 64, height: 64);
    CelestialWcs.Create(FitsProjection.Sin, 187.7, 12.39, crpix1: 33, crpix2: 33, cdelt1: -0.002, cdelt2: 0.002).WriteTo(image.Header);
    double[] ras = [187.70, 187.71, 187.72];
    short[] counts = [3, -4, 5];
    float[][] spectra = [[1, 2, 3], [4], []];
    FitsFile.Write("map.fits", image, FitsTable.Create(
        new FitsColumn("ra", ras) { Unit = "deg" },
        new FitsColumn("flux", new double?[] { 0.012, null, 0.5 }) { Unit = "Jy" },
        new FitsColumn("n", counts),
        new FitsColumn("spectrum", spectra)));
    using (var fits = FitsFile.Open("map.fits"))
    {
        var map = fits.GetImage(0);
        var (ra, dec) = CelestialWcs.FromHeader(map.Header).PixelToWorld(32, 32);
        Check(map.ReadPixels<float>().SequenceEqual(written), "the FITS image pixels");
        Check(Math.Abs(ra - 187.7) < 1e-9 && Math.Abs(dec - 12.39) < 1e-9, "the FITS reference pixel's world position");
        var table = fits.GetTable(1);
        var flux = table["flux"].ToDoubleArray();
        Check(table.RowCount == 3 && table["ra"].ToDoubleArray().SequenceEqual(ras) && flux[0] == 0.012 && double.IsNaN(flux[1]) && flux[2] == 0.5, "the FITS table's fixed columns");
        Check(table["n"].ToDoubleArray().SequenceEqual(counts.Select(c => (double)c)), "the FITS table's int16 column");
        Check(table["spectrum"].Data is float[][] read && read.Length == 3 && read.Zip(spectra).All(p => p.First.SequenceEqual(p.Second)), "the FITS table's variable-length column");
        Console.WriteLine($"fits: image {map.Width}x{map.Height}, reference ({ra:F4}, {dec:F4}), table {table.RowCount} rows");
    }

    // BaSC: a small simulated field with one bright source and a short sampler run.
    var field = FieldSimulator.Simulate(new SimulationOptions { Size = 128, Sources = [new(60.3, 66.8, 0.02)] });
    field.WriteFits(dir);
    var result = SourceFinder.Run(SkyImageFits.Read(Path.Combine(dir, "map.fits")), SkyImageFits.Read(Path.Combine(dir, "psf.fits")),
        new SourceFinderOptions { Seed = 7, Rate = 0.1, Samples = 200 });
    Check(result.Catalogue.Any(s => Math.Abs(s.X - 60.3) < 2 && Math.Abs(s.Y - 66.8) < 2), "BaSC finds the simulated source");
    foreach (var s in result.Catalogue)
    {
        Console.WriteLine($"basc: ({s.X:F1}, {s.Y:F1}) {s.Flux * 1e3:F1} mJy, p = {s.DetectionProbability:F2}");
    }
}
finally
{
    Directory.SetCurrentDirectory(home);
    Directory.Delete(dir, recursive: true);
}

Console.WriteLine(failures.Count == 0 ? $"ok in {clock.Elapsed.TotalSeconds:F2} s" : "FAILED: " + string.Join("; ", failures));
return failures.Count == 0 ? 0 : 1;
