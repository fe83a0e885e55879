using System.Text.Json.Nodes;
using Stoa.Provenance;

namespace Stoa.Host.Tests.Demo;

/// <summary><c>stoa demo</c> end to end through the real executable: BaSC on three simulated fields via CWL, summary, edit, minimal rerun, PROV.</summary>
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
        Assert.Contains($"'fields' rows rerun: {(long)rows["B"]["row_id"]!} (of 3", stdout, StringComparison.Ordinal);
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

        foreach (var name in new[] { "fields", "summary" })
        {
            using var stream = File.OpenRead(Path.Combine(_dir, "exports", $"{name}.prov.json"));
            Assert.Empty(ProvValidator.Validate(ProvenanceReader.Read(stream, ProvFormat.Json)));
        }

        Assert.Contains("wasDerivedFrom", File.ReadAllText(Path.Combine(_dir, "exports", "summary.prov.json")), StringComparison.Ordinal);
        Assert.Contains("where everything is", stdout, StringComparison.Ordinal);
    }
}
