using System.Text.Json.Nodes;
using Stoa.Provenance;

namespace Stoa.Host.Tests.Table;

/// <summary>
/// <c>stoa table …</c> and <c>stoa prov export</c> end to end through the real executable and the real CWL engine:
/// a tool that squares its input (and fails for 13, to exercise failed rows).
/// </summary>
public sealed class TableCommandsTests : IDisposable
{
    private readonly ScratchProject _scratch = new("stoa-table-");

    private string Dir => _scratch.Dir;

    public void Dispose() => _scratch.Dispose();

    private (int ExitCode, string Stdout, string Stderr) Stoa(params string[] args) => _scratch.Stoa(args);

    private JsonObject Show()
    {
        var (rc, stdout, stderr) = Stoa("table", "show", "sq", "--json");
        Assert.True(rc == 0, stderr);
        return JsonNode.Parse(stdout)!.AsObject();
    }

    private static Dictionary<string, JsonObject> RowsByName(JsonObject table) =>
        table["rows"]!.AsArray().Select(r => r!.AsObject()).ToDictionary(r => (string)r["inputs"]!["name"]!);

    [Fact]
    public void New_Add_Recompute_Edit_Reruns_Exactly_The_Edited_Row()
    {
        Assert.Equal(0, Stoa("table", "new", "sq", "square.cwl", "--key", "name").ExitCode);
        foreach (var (name, x) in new[] { ("a", 2), ("b", 3), ("c", 4) })
        {
            Assert.Equal(0, Stoa("table", "add", "sq", $"name={name}", $"x={x}").ExitCode);
        }

        var first = Stoa("table", "recompute", "sq", "--json");
        Assert.True(first.ExitCode == 0, first.Stderr);
        var result = JsonNode.Parse(first.Stdout)!;
        Assert.Equal(3, (long)result["succeeded"]!);
        var rows = RowsByName(Show());
        Assert.Equal([4L, 9L, 16L], new[] { "a", "b", "c" }.Select(n => (long)rows[n]["outputs"]!["sq"]!));
        Assert.All(rows.Values, r => Assert.Equal("Succeeded", (string)r["status"]!));

        // Edit b; set a to its own value (no change of identity): only b reruns.
        var b = (long)rows["b"]["row_id"]!;
        var a = (long)rows["a"]["row_id"]!;
        Assert.Equal(0, Stoa("table", "set", "sq", b.ToString(System.Globalization.CultureInfo.InvariantCulture), "x=5").ExitCode);
        Assert.Equal(0, Stoa("table", "set", "sq", a.ToString(System.Globalization.CultureInfo.InvariantCulture), "x=2").ExitCode);
        var second = JsonNode.Parse(Stoa("table", "recompute", "sq", "--json").Stdout)!;
        Assert.Equal([b], second["rows_run"]!.AsArray().Select(n => (long)n!));
        Assert.Equal(25L, (long)RowsByName(Show())["b"]["outputs"]!["sq"]!);

        // Nothing changed: nothing runs.
        Assert.Empty(JsonNode.Parse(Stoa("table", "recompute", "sq", "--json").Stdout)!["rows_run"]!.AsArray());

        // The rendered table names every row and status.
        var shown = Stoa("table", "show", "sq");
        Assert.Contains("Succeeded", shown.Stdout, StringComparison.Ordinal);
        Assert.Contains("25", shown.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Failed_Row_Exits_1_And_Shows_Its_Error_And_Log()
    {
        Assert.Equal(0, Stoa("table", "new", "sq", "square.cwl").ExitCode);
        Assert.Equal(0, Stoa("table", "add", "sq", "name=bad", "x=13").ExitCode);
        Assert.Equal(1, Stoa("table", "recompute", "sq").ExitCode);
        var row = RowsByName(Show())["bad"];
        Assert.Equal("Failed", (string)row["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)row["error"]));
        Assert.Contains("failed", Stoa("table", "show", "sq").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_Input_Exits_2_With_A_Message_And_Changes_Nothing()
    {
        Assert.Equal(2, Stoa("table", "new", "sq", "missing.cwl").ExitCode);
        Assert.Equal(0, Stoa("table", "new", "sq", "square.cwl", "--key", "name").ExitCode);
        Assert.Equal(0, Stoa("table", "add", "sq", "name=a", "x=1").ExitCode);

        var wrongType = Stoa("table", "add", "sq", "name=b", "x=ten");
        Assert.Equal(2, wrongType.ExitCode);
        Assert.Contains("'x'", wrongType.Stderr, StringComparison.Ordinal);
        var unknown = Stoa("table", "add", "sq", "name=b", "y=1");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'y'", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, Stoa("table", "add", "sq", "name=a", "x=3").ExitCode); // duplicate key
        Assert.Equal(2, Stoa("table", "show", "nope").ExitCode);
        Assert.Equal(2, Stoa("prov", "export", "sq", "--format", "nope").ExitCode);
        Assert.Equal(2, Stoa("table", "export", "sq", "--format", "xlsx").ExitCode);

        var rows = RowsByName(Show());
        Assert.Single(rows);
        Assert.Equal(1L, (long)rows["a"]["inputs"]!["x"]!);
    }

    [Fact]
    public void Import_Csv_Then_Prov_Export_Is_A_Valid_Prov_Document()
    {
        Assert.Equal(0, Stoa("table", "new", "sq", "square.cwl", "--key", "name").ExitCode);
        File.WriteAllText(Path.Combine(Dir, "rows.csv"), "name,x\nu,6\nv,7\n");
        Assert.Equal(0, Stoa("table", "import", "sq", "rows.csv").ExitCode);
        Assert.Equal(0, Stoa("table", "recompute", "sq").ExitCode);

        Assert.Equal(0, Stoa("table", "export", "sq", "--prov", "json", "--out", "prov.json").ExitCode);
        using var stream = File.OpenRead(Path.Combine(Dir, "prov.json"));
        var document = ProvenanceReader.Read(stream, ProvFormat.Json);
        Assert.Empty(ProvValidator.Validate(document));
        var text = File.ReadAllText(Path.Combine(Dir, "prov.json"));
        Assert.Contains("sq/u", text, StringComparison.Ordinal);
        Assert.Contains("sq/v", text, StringComparison.Ordinal);
        Assert.Equal(0, Stoa("prov", "export", "sq", "--format", "provn", "--out", "prov.provn").ExitCode);
        Assert.StartsWith("document", File.ReadAllText(Path.Combine(Dir, "prov.provn")), StringComparison.Ordinal);
    }

    [Fact]
    public void Share_Needs_An_Account_And_Records_The_Role()
    {
        Assert.Equal(0, Stoa("table", "new", "sq", "square.cwl").ExitCode);
        Assert.Equal(2, Stoa("table", "share", "sq", "ada", "Owner").ExitCode); // no such user
        Assert.Equal(2, StoaProcess.Run(Dir, "short", "user", "add", "ada", "--project", "p.stoa").ExitCode);
        Assert.Equal(0, StoaProcess.Run(Dir, "correct horse battery", "user", "add", "ada", "--project", "p.stoa").ExitCode);
        Assert.Equal(0, StoaProcess.Run(Dir, "another password", "user", "add", "bob", "--project", "p.stoa").ExitCode);
        Assert.Equal(2, Stoa("table", "share", "sq", "bob", "Reader").ExitCode); // who shares?
        Assert.Equal(0, Stoa("table", "share", "sq", "ada", "Owner").ExitCode);  // claims the unowned table
        Assert.Equal(5, Stoa("table", "share", "sq", "bob", "Owner").ExitCode);  // already owned: refused by the library
        Assert.Equal(0, Stoa("table", "share", "sq", "bob", "Collaborator", "--as", "ada").ExitCode);
        Assert.Equal(5, Stoa("table", "share", "sq", "bob", "Owner", "--as", "bob").ExitCode); // a Collaborator may not share
        var list = Stoa("user", "list").Stdout;
        Assert.Contains("sq:Owner", list, StringComparison.Ordinal);
        Assert.Contains("sq:Collaborator", list, StringComparison.Ordinal);
        var stored = File.ReadAllText(Path.Combine(Dir, "p.stoa-access.json"));
        Assert.DoesNotContain("correct horse", stored, StringComparison.Ordinal);
    }
}
