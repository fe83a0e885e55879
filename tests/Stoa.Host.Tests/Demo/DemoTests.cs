using System.Text.Json.Nodes;
using Stoa.Provenance;

namespace Stoa.Host.Tests.Demo;

/// <summary><c>stoa demo</c> end to end through the real executable: BaSC on three simulated fields via CWL, a linked summary table, edit, minimal rerun in both, FITS/VOTable/PROV exports.</summary>
public sealed class DemoTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("stoa-demo-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Demo_Runs_End_To_End_And_Reruns_Only_The_Edited_Field()
    {
        var (rc, stdout, stderr) = StoaProcess.Run(_dir, null, "demo", "--dir", _dir);
        Assert.True(rc == 0, stdout + stderr);

        var fields = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "exports", "fields.json")))!;
        var rows = fields["rows"]!.AsArray().Select(r => r!.AsObject()).ToDictionary(r => (string)r["inputs"]!["field"]!);
        Assert.Equal(["A", "B", "C"], rows.Keys.Order());
        Assert.All(rows.Values, r => Assert.Equal("Succeeded", (string)r["status"]!));
        Assert.Equal(7L, (long)rows["B"]["inputs"]!["seed"]!);

        // Exactly field B reran after its edit (and A, C kept their first run).
        Assert.Contains($"'fields' rows rerun: {(long)rows["B"]["row_id"]!} (row ids; 1 of 3 rows", stdout, StringComparison.Ordinal);
        Assert.Equal(1L, (long)rows["A"]["attempts"]!);
        Assert.Equal(1L, (long)rows["C"]["attempts"]!);

        // The catalogues are real: the bright single source of field C is found near its true position and flux.
        var catalogue = File.ReadAllLines((string)rows["C"]["outputs"]!["catalogue"]!["location"]!);
        var bright = catalogue.Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).MaxBy(v => v[4])!;
        Assert.InRange(bright[0], 47, 49);
        Assert.InRange(bright[4], 0.02, 0.03);

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "exports", "summary.json")))!;
        var summaryC = summary["rows"]!.AsArray().Single(r => (string)r!["inputs"]!["field"]! == "C")!;
        Assert.Equal(catalogue.Length - 1, (long)summaryC["outputs"]!["n_sources"]!);

        // The link carried field B's new catalogue into 'summary' (the demo copies nothing itself): the summary rows
        // hold exactly the fields' current catalogues, and only B's summary row ran again.
        var summaryRows = summary["rows"]!.AsArray().Select(r => r!.AsObject()).ToDictionary(r => (string)r["inputs"]!["field"]!);
        foreach (var (field, row) in rows)
        {
            Assert.Equal((string)row["outputs"]!["catalogue"]!["location"]!, (string)summaryRows[field]["inputs"]!["catalogue"]!["location"]!);
            Assert.Equal("Succeeded", (string)summaryRows[field]["status"]!);
        }

        Assert.Equal(1L, (long)summaryRows["A"]["attempts"]!);
        Assert.Equal(1L, (long)summaryRows["C"]["attempts"]!);
        Assert.Contains($"'summary' rows rerun through the link: {(long)summaryRows["B"]["row_id"]!} (row ids; 1 of 3 rows)", stdout, StringComparison.Ordinal);

        // FITS and VOTable exports of both tables, read back by astropy (the VOTable validated strictly).
        foreach (var file in new[] { "fields.fits", "fields.vot", "summary.fits", "summary.vot" })
        {
            var read = Interop.Astropy.ReadTable(Path.Combine(_dir, "exports", file));
            var byField = read["rows"]!.AsArray().ToDictionary(r => (string)r!["field"]!);
            Assert.Equal(["A", "B", "C"], byField.Keys.Order());
            if (file.StartsWith("summary", StringComparison.Ordinal))
            {
                Assert.Equal(catalogue.Length - 1, (long)byField["C"]!["n_sources"]!);
                var maxFlux = read["columns"]!.AsArray().Single(c => (string)c!["name"]! == "max_flux")!;
                Assert.Equal("Jy", (string?)maxFlux["unit"]);
                Assert.Equal("phot.flux.density;stat.max", (string?)maxFlux["ucd"]);
            }
            else
            {
                Assert.Equal(7L, (long)byField["B"]!["seed"]!);
            }
        }

        foreach (var name in new[] { "fields", "summary" })
        {
            using var stream = File.OpenRead(Path.Combine(_dir, "exports", $"{name}.prov.json"));
            Assert.Empty(ProvValidator.Validate(ProvenanceReader.Read(stream, ProvFormat.Json)));
        }

        Assert.Contains("wasDerivedFrom", File.ReadAllText(Path.Combine(_dir, "exports", "summary.prov.json")), StringComparison.Ordinal);
        Assert.Contains("where everything is", stdout, StringComparison.Ordinal);
    }
}
