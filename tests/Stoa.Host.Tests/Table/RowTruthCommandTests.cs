using System.Text.Json.Nodes;

namespace Stoa.Host.Tests.Table;

/// <summary>
/// Issue 15 through the real <c>stoa</c> executable: a table's statuses follow the files on disk. A workflow bound
/// to a tool (<c>run:</c>) that prints a version label and its File input; between runs the input files, the tool
/// and the workflow are edited, touched, reformatted and deleted as a user would, and each recompute must run
/// exactly the rows whose identity changed, say why, and name in PROV the version each row ran.
/// </summary>
public sealed class RowTruthCommandTests : IDisposable
{
    private const string Workflow = """
        cwlVersion: v1.2
        class: Workflow
        inputs:
          f: File
        outputs:
          out:
            type: File
            outputSource: show/out
        steps:
          show:
            run: tools/show.cwl
            in: {f: f}
            out: [out]
        """;

    private const string Tool = """
        cwlVersion: v1.2
        class: CommandLineTool
        baseCommand: [sh, -c]
        arguments: ['echo version-1; cat "$0"', $(inputs.f.path)]
        inputs:
          f: File
        stdout: out.txt
        outputs:
          out: stdout
        """;

    private readonly ScratchProject _s = new("stoa-truth-");

    public void Dispose() => _s.Dispose();

    [Fact]
    public void Recompute_Runs_Exactly_The_Rows_Whose_Files_Or_Workflow_Changed_And_Says_Why()
    {
        Write("w.cwl", Workflow);
        Write("tools/show.cwl", Tool);
        Write("data/a.txt", "alpha");
        Write("data/b.txt", "beta");
        _s.Ok("table", "new", "t", "w.cwl", "--json");

        // A new input in the workflow changes the table's columns: refused until the table is rebound.
        Write("w.cwl", Workflow.Replace("inputs:\n  f: File", "inputs:\n  name: string\n  f: File", StringComparison.Ordinal));
        Assert.Equal(2, _s.Stoa("table", "recompute", "t").ExitCode); // the interface changed under the table: refused
        _s.Ok("table", "rebind", "t");
        _s.Ok("table", "add", "t", "name=a", "f=data/a.txt");
        _s.Ok("table", "add", "t", "name=b", "f=data/b.txt");
        _s.Ok("table", "add", "t", "name=c", "f=data/a.txt");
        Assert.Equal([1L, 2L, 3L], Ran(_s.Stoa("table", "recompute", "t", "--json")));
        Assert.All(Rows(), r => Assert.Contains("version-1", Output(r), StringComparison.Ordinal));

        // A touch, a comment and layout edit of the workflow, and a key-order change of the tool run nothing.
        File.SetLastWriteTimeUtc(Path.Combine(_s.Dir, "data/a.txt"), DateTime.UtcNow.AddMinutes(5));
        File.AppendAllText(Path.Combine(_s.Dir, "w.cwl"), "\n# reviewed, nothing changed\n");
        Write("tools/show.cwl", "# the show tool\n" + Tool.Replace("stdout: out.txt\n", "", StringComparison.Ordinal).Replace("baseCommand:", "stdout:   out.txt\nbaseCommand:", StringComparison.Ordinal));
        var quiet = Status();
        Assert.Empty(quiet["check"]!["rows_changed"]!.AsArray());
        Assert.Empty(quiet["rows"]!.AsArray());
        Assert.Empty(Ran(_s.Stoa("table", "recompute", "t", "--json")));

        // One input file's bytes change: exactly the row that uses it reruns, and says why before it does.
        Write("data/b.txt", "beta, second edition");
        var afterEdit = Status();
        var stale = Assert.Single(afterEdit["rows"]!.AsArray());
        Assert.Equal(2L, (long)stale!["row_id"]!);
        Assert.Matches(@"^input f changed \(sha1 [0-9a-f]{8}… → sha1 [0-9a-f]{8}…\)$", (string)stale["reasons"]![0]!);
        Assert.Equal([2L], Ran(_s.Stoa("table", "recompute", "t", "--json")));
        Assert.Contains("second edition", Output(Rows()[1]), StringComparison.Ordinal);

        // The referenced tool changes: every row is Stale, naming the file, until it runs the new version. PROV of
        // the stale rows still names the version they ran, kept in the project, not the tool on disk now.
        Write("tools/show.cwl", Tool.Replace("version-1", "version-2", StringComparison.Ordinal));
        var afterTool = Status();
        Assert.Equal(3, afterTool["rows"]!.AsArray().Count);
        Assert.All(afterTool["rows"]!.AsArray(), r => Assert.Contains("workflow file tools/show.cwl changed", (string)r!["reasons"]![0]!, StringComparison.Ordinal));
        var oldPlans = PlanLocations();
        var oldPlan = Assert.Single(oldPlans);
        Assert.Contains("version-1", File.ReadAllText(Path.Combine(Path.GetDirectoryName(new Uri(oldPlan).LocalPath)!, "tools/show.cwl")), StringComparison.Ordinal);
        Assert.Equal([1L, 2L, 3L], Ran(_s.Stoa("table", "recompute", "t", "--json")));
        Assert.All(Rows(), r => Assert.Contains("version-2", Output(r), StringComparison.Ordinal));
        var newPlan = Assert.Single(PlanLocations());
        Assert.NotEqual(oldPlan, newPlan);
        Assert.Contains("version-2", File.ReadAllText(Path.Combine(Path.GetDirectoryName(new Uri(newPlan).LocalPath)!, "tools/show.cwl")), StringComparison.Ordinal);
        var versions = Rows().Select(r => (string)r["workflow_hash"]!).Distinct().ToList();
        Assert.Single(versions);

        // A deleted input makes its rows fail at the next recompute with the reason, keeping their outputs.
        File.Delete(Path.Combine(_s.Dir, "data/a.txt"));
        var missing = Status();
        Assert.Equal([1L, 3L], missing["rows"]!.AsArray().Select(r => (long)r!["row_id"]!));
        Assert.All(missing["rows"]!.AsArray(), r => Assert.Contains("is missing", string.Join(" ", r!["reasons"]!.AsArray().Select(x => (string)x!)), StringComparison.Ordinal));
        var failed = _s.Stoa("table", "recompute", "t", "--json");
        Assert.Equal(1, failed.ExitCode);
        var rows = Rows();
        Assert.Equal(["Failed", "Succeeded", "Failed"], rows.Select(r => (string)r["status"]!));
        Assert.Contains("data/a.txt is missing", (string)rows[0]["error"]!, StringComparison.Ordinal);
        Assert.Contains("version-2", Output(rows[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_Removed_Input_Is_Refused_Until_Rebind_Drops_The_Column()
    {
        Write("tools/show.cwl", Tool.Replace("inputs:\n  f: File", "inputs:\n  f: File\n  label: string?", StringComparison.Ordinal));
        Write("data/a.txt", "alpha");
        _s.Ok("table", "new", "t", "tools/show.cwl");
        _s.Ok("table", "add", "t", "f=data/a.txt", "label=x");
        _s.Ok("table", "recompute", "t");

        Write("tools/show.cwl", Tool);
        var refused = _s.Stoa("table", "recompute", "t");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("removes label (string?)", refused.Stderr, StringComparison.Ordinal);
        var status = Status();
        Assert.Contains("removes label", (string)status["check"]!["pending_workflow_change"]!, StringComparison.Ordinal);
        Assert.Equal(2, _s.Stoa("table", "rebind", "t").ExitCode);          // dropping data needs the flag
        _s.Ok("table", "rebind", "t", "--drop-columns");
        var row = Assert.Single(Rows());
        Assert.Equal("Stale", (string)row["status"]!);
        Assert.Null(row["inputs"]!["label"]);
        Assert.Equal([1L], Ran(_s.Stoa("table", "recompute", "t", "--json")));
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_s.Dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private JsonObject Status()
    {
        var (rc, stdout, stderr) = _s.Stoa("table", "status", "t", "--json");
        Assert.True(rc == 0, stderr);
        return JsonNode.Parse(stdout)!.AsObject();
    }

    private List<JsonObject> Rows()
    {
        var (rc, stdout, stderr) = _s.Stoa("table", "show", "t", "--json");
        Assert.True(rc == 0, stderr);
        return [.. JsonNode.Parse(stdout)!["rows"]!.AsArray().Select(r => r!.AsObject())];
    }

    private static string Output(JsonObject row) => File.ReadAllText((string)row["outputs"]!["out"]!["location"]!);

    private static List<long> Ran((int ExitCode, string Stdout, string Stderr) run)
    {
        Assert.True(run.ExitCode == 0, run.Stderr);
        return [.. JsonNode.Parse(run.Stdout)!["rows_run"]!.AsArray().Select(r => (long)r!).Order()];
    }

    /// <summary>The <c>prov:location</c> of every plan in the table's PROV-JSON export.</summary>
    private List<string> PlanLocations()
    {
        _s.Ok("table", "export", "t", "--prov", "json", "--out", "prov.json");
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(_s.Dir, "prov.json")))!;
        return [.. doc["entity"]!.AsObject()
            .Where(e => e.Value!["prov:location"] is not null)
            .Select(e => e.Value!["prov:location"] is JsonObject o ? (string)o["$"]! : (string)e.Value!["prov:location"]!)
            .Distinct()];
    }
}
