using System.Text.Json.Nodes;
using Stoa.Worktables.Execution;
using Stoa.Worktables.Export;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Fixtures;

namespace Stoa.Worktables.Tests.Export;

public sealed class JsonExportTests
{
    private static JsonObject Export(IWorktable t, JsonExportOptions? options = null)
    {
        using var ms = new MemoryStream();
        t.ExportJson(ms, options);
        return JsonNode.Parse(ms.ToArray())!.AsObject();
    }

    [Fact]
    public async Task Json_Export_Holds_Columns_With_Units_And_Every_Cell()
    {
        using var s = new ScratchProject();
        s.Project.AddUser("olive");
        var t = s.Project.CreateTableAs("olive", "t", ScratchProject.Doubler());
        t.AddRow(new Dictionary<string, object?> { ["x"] = 3, ["label"] = "a \"q\"" });
        t.AddRow(new Dictionary<string, object?> { ["x"] = 4 });
        await t.RecomputeAsync(ScratchProject.DoublerExecutor());
        t.SetColumnMetadata("doubled", "Jy", "phot.flux.density");
        var doc = Export(t, JsonExportOptions.All);
        Assert.Equal("t", (string)doc["table"]!);
        Assert.Equal("doubler", (string)doc["workflow"]!);
        var doubled = doc["columns"]!.AsArray().Single(c => (string)c!["name"]! == "doubled")!;
        Assert.Equal(("Jy", "phot.flux.density", "output"), ((string)doubled["unit"]!, (string)doubled["ucd"]!, (string)doubled["role"]!));
        Assert.Equal(2, (int)doc["counts"]!["Succeeded"]!);
        var rows = doc["rows"]!.AsArray();
        Assert.Equal([6L, 8L], rows.Select(r => (long)r!["outputs"]!["doubled"]!));
        Assert.Equal("a \"q\"", (string)rows[0]!["inputs"]!["label"]!);
        Assert.Null(rows[1]!["inputs"]!["label"]);
        Assert.Equal(("Succeeded", 1L, 1), ((string)rows[0]!["status"]!, (long)rows[0]!["row_id"]!, (int)rows[0]!["attempts"]!));
        Assert.NotNull((string?)rows[0]!["output_hash"]);
        Assert.EndsWith("Z", (string)rows[0]!["finished_utc"]!, StringComparison.Ordinal);
        Assert.Empty(rows[0]!["reasons"]!.AsArray());
        Assert.False(doc.ContainsKey("pending_workflow_change"));
    }

    [Fact]
    public void Default_Document_Has_Only_Inputs_And_Outputs_Per_Row()
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        t.AddRow(new Dictionary<string, object?> { ["x"] = 3 });
        var doc = Export(t);
        var row = doc["rows"]!.AsArray().Single()!.AsObject();
        Assert.Equal(["inputs", "outputs"], row.Select(p => p.Key));
        Assert.Empty(row["outputs"]!.AsObject());
        Assert.Equal(1, (int)doc["counts"]!["Pending"]!);
        Assert.Equal(["table", "workflow", "workflow_hash", "key", "columns", "counts", "rows"], doc.Select(p => p.Key));
    }

    [Fact]
    public async Task Errors_Reasons_And_File_Check_Are_Written_When_Asked()
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        t.AddRow(new Dictionary<string, object?> { ["x"] = -1 });
        await t.RecomputeAsync(new InProcessExecutor(e => throw new InvalidOperationException("negative x")));
        var failed = Export(t, new JsonExportOptions { IncludeErrors = true });
        var row = failed["rows"]!.AsArray().Single()!;
        Assert.Contains("negative x", (string)row["error"]!, StringComparison.Ordinal);
        Assert.Null(row["row_id"]);

        var withCheck = Export(t, new JsonExportOptions { FileCheck = t.CheckFiles(), IncludeReasons = true });
        Assert.True(withCheck.ContainsKey("pending_workflow_change"));
        Assert.Null(withCheck["pending_workflow_change"]);
        Assert.NotNull(withCheck["rows"]![0]!["reasons"]);
        Assert.Null(withCheck["rows"]![0]!["error"]);
    }

    [Fact]
    public async Task ImportJson_Reads_What_ExportJson_Writes_Inputs_Only()
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        t.AddRow(new Dictionary<string, object?> { ["x"] = 3, ["label"] = "three" });
        t.AddRow(new Dictionary<string, object?> { ["x"] = 5 });
        await t.RecomputeAsync(ScratchProject.DoublerExecutor());
        using var ms = new MemoryStream();
        t.ExportJson(ms, JsonExportOptions.All);

        var copy = s.Project.CreateTable("copy", ScratchProject.Doubler());
        ms.Position = 0;
        var ids = copy.ImportJson(ms);
        Assert.Equal(2, ids.Count);
        var rows = copy.Rows().ToList();
        Assert.All(rows, r => Assert.Equal(RowStatus.Pending, r.Status));
        Assert.All(rows, r => Assert.Empty(r.Outputs));
        Assert.Equal(t.Rows().Select(r => r.InputHash), rows.Select(r => r.InputHash));
        Assert.Equal(Export(t)["rows"]!.AsArray().Select(r => r!["inputs"]!.ToJsonString()), Export(copy)["rows"]!.AsArray().Select(r => r!["inputs"]!.ToJsonString()));
    }

    [Fact]
    public void RowIds_Picks_Rows_In_The_Order_Given_And_Keeps_The_Counts_Whole()
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        var ids = Enumerable.Range(1, 3).Select(x => t.AddRow(new Dictionary<string, object?> { ["x"] = x })).ToList();
        var doc = Export(t, new JsonExportOptions { IncludeSystemFields = true, RowIds = [ids[2], ids[0]] });
        Assert.Equal([ids[2], ids[0]], doc["rows"]!.AsArray().Select(r => (long)r!["row_id"]!));
        Assert.Equal(3, (int)doc["counts"]!["Pending"]!);
    }
}
