using System.Text;
using System.Text.Json.Nodes;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Fixtures;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Tests.Import;

public sealed class ImportTests
{
    private static WorkflowDefinition Rich() => WorkflowDefinition.FromColumns("rich",
        [
            ColumnDefinition.Input("name", ColumnType.String),
            ColumnDefinition.Input("n", ColumnType.Long),
            ColumnDefinition.Input("f", ColumnType.Float),
            ColumnDefinition.Input("ok", ColumnType.Boolean),
            ColumnDefinition.Input("tags", ColumnType.Array(ColumnType.String)),
            ColumnDefinition.Input("rec", ColumnType.Record(new RecordField("a", ColumnType.Int), new RecordField("b", ColumnType.String.AsOptional())).AsOptional()),
            ColumnDefinition.Input("data", ColumnType.File),
            ColumnDefinition.Input("dir", ColumnType.Directory.AsOptional()),
            ColumnDefinition.Input("note", ColumnType.String.AsOptional()),
        ],
        [ColumnDefinition.Output("out", ColumnType.Any)], "rich");

    [Fact]
    public void Csv_cells_are_parsed_by_type_and_relative_files_resolve_against_the_base_directory()
    {
        using var s = new ScratchProject();
        s.WriteFile("in/a.txt", "alpha");
        s.WriteFile("in/d/x.txt", "x");
        var t = s.Project.CreateTable("t", Rich(), new WorktableOptions { Template = new Dictionary<string, object?> { ["note"] = "default" } });
        var csv = "name,n,f,ok,tags,rec,data,dir,note\n" +
                  "\"a, quoted\",12345678901,0.1,true,\"[\"\"x\"\",\"\"y\"\"]\",\"{\"\"a\"\":1}\",in/a.txt,in/d,\n";
        var ids = t.ImportCsv(new StringReader(csv), s.Directory);
        var row = t.GetRow(ids.Single());
        Assert.Equal("a, quoted", (string)row["name"]!);
        Assert.Equal(12345678901L, (long)row["n"]!);
        Assert.Equal((double)0.1f, (double)row["f"]!);
        Assert.True((bool)row["ok"]!);
        Assert.Equal(["x", "y"], row["tags"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(1, (int)row["rec"]!["a"]!);
        Assert.Equal(Path.Combine(s.Directory, "in", "a.txt"), (string)row["data"]!["location"]!);
        Assert.StartsWith("sha1$", (string)row["data"]!["checksum"]!, StringComparison.Ordinal);
        Assert.Equal("Directory", (string)row["dir"]!["class"]!);
        Assert.Equal("default", (string)row["note"]!);
        Assert.Equal(RowStatus.Pending, row.Status);
    }

    [Fact]
    public void Json_rows_accept_CWL_File_objects()
    {
        using var s = new ScratchProject();
        var file = s.WriteFile("a.txt", "alpha");
        var t = s.Project.CreateTable("t", Rich());
        var json = new JsonArray(new JsonObject
        {
            ["name"] = "j", ["n"] = 1, ["f"] = 2.5, ["ok"] = false, ["tags"] = new JsonArray(),
            ["data"] = new JsonObject { ["class"] = "File", ["location"] = "file://" + file },
        }).ToJsonString();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var row = t.GetRow(t.ImportJson(stream).Single());
        Assert.Equal(file, (string)row["data"]!["location"]!);
        Assert.Null(row["rec"]);
    }

    [Fact]
    public void A_file_identity_is_its_content_not_its_path()
    {
        using var s = new ScratchProject();
        var a = s.WriteFile("a.txt", "same");
        var b = s.WriteFile("sub/b.txt", "same");
        var c = s.WriteFile("c.txt", "different");
        var t = s.Project.CreateTable("t", Rich());
        Dictionary<string, object?> Row(string path) => new() { ["name"] = "x", ["n"] = 1, ["f"] = 1.0, ["ok"] = true, ["tags"] = Array.Empty<string>(), ["data"] = new FileInfo(path) };
        var ids = t.AddRows([Row(a), Row(b), Row(c)]);
        Assert.Equal(t.GetRow(ids[0]).InputHash, t.GetRow(ids[1]).InputHash);
        Assert.NotEqual(t.GetRow(ids[0]).InputHash, t.GetRow(ids[2]).InputHash);
    }
}

public sealed class InputFileRefreshTests
{
    [Fact]
    public async Task A_changed_input_file_changes_the_row_identity_and_reruns_only_that_row()
    {
        using var s = new ScratchProject();
        var a = s.WriteFile("a.txt", "one");
        var b = s.WriteFile("b.txt", "two");
        var wf = WorkflowDefinition.FromColumns("f", [ColumnDefinition.Input("data", ColumnType.File)], [ColumnDefinition.Output("len", ColumnType.Long)], "f");
        var t = s.Project.CreateTable("t", wf);
        var ids = t.AddRows([new Dictionary<string, object?> { ["data"] = a }, new Dictionary<string, object?> { ["data"] = b }]);
        var exec = new Stoa.Worktables.Execution.InProcessExecutor(e => new Dictionary<string, object?> { ["len"] = new FileInfo((string)e.Inputs["data"]!["location"]!).Length });
        await t.RecomputeAsync(exec);
        Assert.Empty(t.CheckFiles().RowsChanged);

        File.WriteAllText(b, "two, longer");
        File.SetLastWriteTimeUtc(b, DateTime.UtcNow.AddMinutes(1));
        var check = t.CheckFiles();
        Assert.Equal([ids[1]], check.RowsChanged);
        Assert.Equal(1, check.FilesRead);
        Assert.Contains(t.GetRow(ids[1]).Reasons, r => r.StartsWith("input data changed (sha1 ", StringComparison.Ordinal));
        Assert.Equal([ids[1]], t.RowsToRecompute());
        await t.RecomputeAsync(exec);
        Assert.Equal(11L, (long)t.GetRow(ids[1])["len"]!);

        // Touching a file without changing its content changes nothing.
        File.SetLastWriteTimeUtc(a, DateTime.UtcNow.AddMinutes(2));
        var touched = t.CheckFiles();
        Assert.Empty(touched.RowsChanged);
        Assert.Equal(1, touched.FilesRead);
        Assert.Empty(t.RowsToRecompute());
    }
}
