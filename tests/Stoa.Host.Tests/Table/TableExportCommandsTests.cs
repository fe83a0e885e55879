using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Stoa.Fits;
using Stoa.Host.Tests.Interop;

namespace Stoa.Host.Tests.Table;

/// <summary>
/// <c>stoa table column|export|cone|import</c> through the real executable: FITS and VOTable exports read back by
/// astropy, cone search around real positions, an original-style STOA <c>.wtx</c> bundle imported and the table's own
/// bundle round-tripped into a second project.
/// </summary>
public sealed class TableExportCommandsTests : IDisposable
{
    /// <summary>A source at (ra, dec) with a flux; the tool doubles the flux (and so has an output column).</summary>
    private const string PositionTool = """
        cwlVersion: v1.2
        class: CommandLineTool
        requirements:
          InlineJavascriptRequirement: {}
        baseCommand: [sh, -c, 'echo "{\"twice\": $(awk "BEGIN { print 2 * $0 }")}" > cwl.output.json']
        arguments: [$(inputs.flux)]
        inputs:
          name: string
          ra: double
          dec: double
          flux: double
        outputs:
          twice: double
        """;

    private static readonly (string Name, double Ra, double Dec, double Flux)[] Sources =
    [
        ("near", 10.0, -30.0, 1.5),
        ("wrap", 359.9, -30.0, 2.0),   // 0.15° of RA = 0.1299° from (0.05, -30): found only if RA wraps at 0/360
        ("far", 180.0, 45.0, 3.0),
        ("pole", 0.0, 89.99, 4.0),
    ];

    private readonly ScratchProject _scratch = new("stoa-export-");

    private string Dir => _scratch.Dir;

    public void Dispose() => _scratch.Dispose();

    private (int ExitCode, string Stdout, string Stderr) Stoa(params string[] args) => _scratch.Stoa(args);

    /// <summary>Creates table <c>src</c> from <see cref="PositionTool"/>, one row per source, recomputed.</summary>
    private void MakeSources()
    {
        File.WriteAllText(Path.Combine(Dir, "position.cwl"), PositionTool);
        _scratch.Ok("table", "new", "src", "position.cwl", "--key", "name");
        foreach (var (name, ra, dec, flux) in Sources)
        {
            _scratch.Ok("table", "add", "src", $"name={name}", string.Create(CultureInfo.InvariantCulture, $"ra={ra}"), string.Create(CultureInfo.InvariantCulture, $"dec={dec}"), string.Create(CultureInfo.InvariantCulture, $"flux={flux}"));
        }

        _scratch.Ok("table", "recompute", "src");
        _scratch.Ok("table", "column", "src", "ra", "--unit", "deg", "--ucd", "pos.eq.ra;meta.main");
        _scratch.Ok("table", "column", "src", "dec", "--unit", "deg", "--ucd", "pos.eq.dec;meta.main");
        _scratch.Ok("table", "column", "src", "flux", "--unit", "Jy", "--ucd", "phot.flux.density");
    }

    [Fact]
    public void Fits_And_VoTable_Exports_Are_Read_By_Astropy_With_Values_Units_And_Ucds()
    {
        MakeSources();
        foreach (var (format, file) in new[] { ("fits", "src.fits"), ("votable", "src.vot"), ("votable-binary2", "src-b2.vot") })
        {
            _scratch.Ok("table", "export", "src", "--format", format, "-o", file);
            var read = Astropy.ReadTable(Path.Combine(Dir, file));
            var columns = read["columns"]!.AsArray().ToDictionary(c => (string)c!["name"]!, c => c!.AsObject());
            Assert.Equal(["name", "ra", "dec", "flux", "twice"], columns.Keys);
            Assert.Equal("deg", (string?)columns["ra"]["unit"]);
            Assert.Equal("pos.eq.ra;meta.main", (string?)columns["ra"]["ucd"]);
            Assert.Equal("Jy", (string?)columns["flux"]["unit"]);
            var rows = read["rows"]!.AsArray().ToDictionary(r => (string)r!["name"]!);
            foreach (var (name, ra, dec, flux) in Sources)
            {
                Assert.Equal(ra, (double)rows[name]!["ra"]!);
                Assert.Equal(dec, (double)rows[name]!["dec"]!);
                Assert.Equal(2 * flux, (double)rows[name]!["twice"]!, 9);
            }
        }

        // Hidden fields only on request; the FITS export is a BINTABLE Stoa.Fits reads too.
        _scratch.Ok("table", "export", "src", "--format", "fits", "--hidden", "-o", "hidden.fits");
        using var fits = FitsFile.Open(Path.Combine(Dir, "hidden.fits"));
        var names = Astropy.ReadTable(Path.Combine(Dir, "hidden.fits"))["columns"]!.AsArray().Select(c => (string)c!["name"]!).ToList();
        Assert.Contains("status", names);
        Assert.Equal(Sources.Length, fits.GetTable(1).RowCount);
    }

    [Fact]
    public void Csv_Export_Goes_To_Stdout_And_Unknown_Formats_Are_Bad_Input()
    {
        MakeSources();
        var (rc, stdout, stderr) = Stoa("table", "export", "src", "--format", "csv");
        Assert.True(rc == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("name,ra,dec,flux,twice", lines[0], StringComparison.Ordinal);
        Assert.Equal(1 + Sources.Length, lines.Length);

        var bad = Stoa("table", "export", "src", "--format", "xlsx", "-o", "x.xlsx");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("xlsx", bad.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Dir, "x.xlsx")));
    }

    [Fact]
    public void Cone_Search_Finds_The_Rows_Within_The_Radius_Nearest_First_Across_Ra_Zero()
    {
        MakeSources();
        var (rc, _, stderr) = Stoa("table", "cone", "src", "--ra", "0.05", "--dec", "-30", "--sr", "0.2", "-o", "cone.vot");
        Assert.True(rc == 0, stderr);
        Assert.Contains("1 row(s)", stderr, StringComparison.Ordinal);
        var hit = Astropy.ReadTable(Path.Combine(Dir, "cone.vot"))["rows"]!.AsArray().Single()!;
        Assert.Equal("wrap", (string)hit["name"]!);
        Assert.InRange((double)hit["distance"]!, 0.1298, 0.1300);

        // Everything within 180°: every row, nearest first.
        Assert.Equal(0, Stoa("table", "cone", "src", "--ra", "10", "--dec", "-30", "--sr", "180", "-o", "all.vot").ExitCode);
        var all = Astropy.ReadTable(Path.Combine(Dir, "all.vot"))["rows"]!.AsArray();
        // From (10, -30): wrap 8.7°, pole 120.0°, far 163.0° (computed by hand with the spherical law of cosines).
        Assert.Equal(["near", "wrap", "pole", "far"], all.Select(r => (string)r!["name"]!));
        var distances = all.Select(r => (double)r!["distance"]!).ToList();
        Assert.Equal(distances.Order(), distances);

        var badRadius = Stoa("table", "cone", "src", "--ra", "10", "--dec", "-30", "--sr", "200");
        Assert.Equal(2, badRadius.ExitCode);
        Assert.Contains("--sr", badRadius.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", badRadius.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Cone_Search_Of_A_Table_Without_Positions_Says_How_To_Declare_Them()
    {
        _scratch.Ok("table", "new", "sq", "square.cwl");
        var (rc, _, stderr) = Stoa("table", "cone", "sq", "--ra", "10", "--dec", "0", "--sr", "1");
        Assert.Equal(2, rc);
        Assert.Contains("pos.eq.ra", stderr, StringComparison.Ordinal);
        Assert.Contains("stoa table column sq", stderr, StringComparison.Ordinal);

        // Declaring a column that does not exist names the columns there are.
        var unknown = Stoa("table", "column", "sq", "nope", "--ucd", "pos.eq.ra");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'nope'", unknown.Stderr, StringComparison.Ordinal);
        Assert.Contains("name, x, sq", unknown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Stoa_Wtx_Bundle_Imports_As_A_Table_With_Its_Statuses_And_Reruns_Only_Pending_Rows()
    {
        var wtx = Path.Combine(Dir, "fluxes.wtx");
        using (var zip = ZipFile.Open(wtx, ZipArchiveMode.Create))
        {
            void Entry(string name, string text)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(text);
            }

            Entry("workflow.cwl", PositionTool);
            Entry("table.txt", """
                # name: name ra dec flux twice
                # type: string double double double double?
                # ucd: meta.id;meta.main pos.eq.ra pos.eq.dec phot.flux.density -
                # unit: - deg deg Jy Jy
                done 10.0 -30.0 1.5 3.0
                todo 20.0 -31.0 2.5 -
                """);
            Entry("tracking.txt", "COMPLETE\nPENDING\n");
        }

        var (rc, stdout, stderr) = Stoa("table", "import", "fluxes", "fluxes.wtx", "--key", "name");
        Assert.True(rc == 0, stdout + stderr);
        Assert.Contains("1 Pending", stdout, StringComparison.Ordinal);
        Assert.Contains("1 Succeeded", stdout, StringComparison.Ordinal);

        // Only the PENDING row runs; the COMPLETE one keeps its imported output.
        var run = JsonNode.Parse(Stoa("table", "recompute", "fluxes", "--json").Stdout)!;
        Assert.Single(run["rows_run"]!.AsArray());
        var shown = JsonNode.Parse(Stoa("table", "show", "fluxes", "--json").Stdout)!["rows"]!.AsArray()
            .ToDictionary(r => (string)r!["inputs"]!["name"]!);
        Assert.Equal(3.0, (double)shown["done"]!["outputs"]!["twice"]!);
        Assert.Equal(5.0, (double)shown["todo"]!["outputs"]!["twice"]!);

        // The cone search finds the bundle's positions through the UCDs it declared.
        Assert.Equal(0, Stoa("table", "cone", "fluxes", "--ra", "20", "--dec", "-31", "--sr", "0.5", "-o", "c.vot").ExitCode);
        Assert.Equal("todo", (string)Astropy.ReadTable(Path.Combine(Dir, "c.vot"))["rows"]!.AsArray().Single()!["name"]!);

        // A malformed bundle is refused with entry and line, and the project gains no table.
        using (var zip = ZipFile.Open(Path.Combine(Dir, "bad.wtx"), ZipArchiveMode.Create))
        {
            using (var w = new StreamWriter(zip.CreateEntry("workflow.cwl").Open()))
            {
                w.Write(PositionTool);
            }

            using var t = new StreamWriter(zip.CreateEntry("table.txt").Open());
            t.Write("# name: name ra dec flux\n# type: string double double double\nx abc 1 2\n");
        }

        var bad = Stoa("table", "import", "broken", "bad.wtx");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("table.txt:3", bad.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("broken", Stoa("table", "show").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Tables_Own_Wtx_Export_Reproduces_It_In_Another_Project()
    {
        MakeSources();
        _scratch.Ok("table", "export", "src", "--format", "wtx", "-o", "src.wtx");
        var other = Path.Combine(Dir, "other.stoa");
        var (rc, stdout, stderr) = StoaProcess.Run(Dir, null, "table", "import", "copy", "src.wtx", "--key", "name", "--project", other);
        Assert.True(rc == 0, stdout + stderr);
        Assert.Contains($"{Sources.Length} Succeeded", stdout, StringComparison.Ordinal);

        var copy = JsonNode.Parse(StoaProcess.Run(Dir, null, "table", "show", "copy", "--json", "--project", other).Stdout)!["rows"]!.AsArray();
        Assert.Equal(Sources.Select(s => 2 * s.Flux), copy.Select(r => (double)r!["outputs"]!["twice"]!).Order());
        var rerun = JsonNode.Parse(StoaProcess.Run(Dir, null, "table", "recompute", "copy", "--json", "--project", other).Stdout)!;
        Assert.Empty(rerun["rows_run"]!.AsArray());
    }
}
