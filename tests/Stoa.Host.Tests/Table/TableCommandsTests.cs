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

    [Fact]
    public void Set_From_Csv_Edits_Rows_By_Key_In_One_Go_And_A_Bad_Line_Changes_Nothing()
    {
        Assert.Equal(0, Stoa("table", "new", "sq", "square.cwl", "--key", "name").ExitCode);
        File.WriteAllText(Path.Combine(Dir, "rows.csv"), "name,x\na,2\nb,3\nc,4\n");
        Assert.Equal(0, Stoa("table", "import", "sq", "rows.csv").ExitCode);
        Assert.Equal(0, Stoa("table", "recompute", "sq").ExitCode);
        var ids = RowsByName(Show()).ToDictionary(r => r.Key, r => (long)r.Value["row_id"]!);

        // b changes; c is set to the value it has: only b needs a run.
        File.WriteAllText(Path.Combine(Dir, "edits.csv"), "x,name\n5,b\n4,c\n");
        var set = Stoa("table", "set", "sq", "--from-csv", "edits.csv", "--json");
        Assert.True(set.ExitCode == 0, set.Stderr);
        Assert.Equal([ids["b"], ids["c"]], JsonNode.Parse(set.Stdout)!["row_ids"]!.AsArray().Select(n => (long)n!));
        var rows = RowsByName(Show());
        Assert.Equal(("Stale", "Succeeded", "Succeeded"), ((string)rows["b"]["status"]!, (string)rows["c"]["status"]!, (string)rows["a"]["status"]!));
        Assert.Equal([ids["b"]], JsonNode.Parse(Stoa("table", "recompute", "sq", "--json").Stdout)!["rows_run"]!.AsArray().Select(n => (long)n!));

        // A key no row has, on line 3: one line naming file, line and field; exit 2; line 2's edit is not kept.
        File.WriteAllText(Path.Combine(Dir, "bad.csv"), "name,x\na,7\nzz,1\n");
        var bad = Stoa("table", "set", "sq", "--from-csv", "bad.csv");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("bad.csv: CSV line 3, column 'name'", bad.Stderr, StringComparison.Ordinal);
        Assert.Single(bad.Stderr.Trim().Split('\n'));
        Assert.Equal(2L, (long)RowsByName(Show())["a"]["inputs"]!["x"]!);

        File.WriteAllText(Path.Combine(Dir, "typo.csv"), "name,x\na,seven\n");
        var typo = Stoa("table", "set", "sq", "--from-csv", "typo.csv");
        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("typo.csv: CSV line 2, column 'x'", typo.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, Stoa("table", "set", "sq", "--from-csv", "missing.csv").ExitCode);
        Assert.Equal(2, Stoa("table", "set", "sq", "1", "x=3", "--from-csv", "edits.csv").ExitCode);
        Assert.Equal(2, Stoa("table", "set", "sq").ExitCode);
    }

    [Fact]
    public void Import_Of_An_Original_Stoa_Bundle_Groups_Its_Expanded_Rows()
    {
        // Written the way STOA's worktable.py writes a bundle: __bindex__ first, I_/O_/K_ type codes, a blank UCD
        // line, one physical row per line of the tool's stdout, links.txt of two empty lines, no tracking.txt.
        var bundle = Path.Combine(Dir, "find.wtx");
        using (var zip = System.IO.Compression.ZipFile.Open(bundle, System.IO.Compression.ZipArchiveMode.Create))
        {
            void Entry(string name, string text)
            {
                using var w = new StreamWriter(zip.CreateEntry(name).Open());
                w.Write(text);
            }

            Entry("links.txt", "\n\n");
            Entry("table.txt", "__bindex__ foldername pathname\nK_int I_str O_str\n  \n0 product /d/a/product\n0 product /d/b/product\n1 raw /d/c/raw\n");
            Entry("workflow.cwl", "cwlVersion: v1.0\nclass: CommandLineTool\nbaseCommand: find\nstdout: list.txt\narguments:\n  - {position: 0, valueFrom: /d}\n  - {position: 1, valueFrom: -name}\n" +
                "inputs:\n  foldername:\n    type: string\n    inputBinding: {position: 2}\noutputs:\n  pathname:\n    type: stdout\n");
            Entry("template.yml", "foldername: product\n");
        }

        var import = Stoa("table", "import", "find", "find.wtx");
        Assert.True(import.ExitCode == 0, import.Stderr);
        var (rc, stdout, stderr) = Stoa("table", "show", "find", "--json");
        Assert.True(rc == 0, stderr);
        var rows = JsonNode.Parse(stdout)!["rows"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(["product", "raw"], rows.Select(r => (string)r["inputs"]!["foldername"]!));
        Assert.All(rows, r => Assert.Equal("Succeeded", (string)r["status"]!));
        var lines = File.ReadAllText((string)rows[0]["outputs"]!["pathname"]!["location"]!);
        Assert.Equal("/d/a/product\n/d/b/product\n", lines);
    }
}
