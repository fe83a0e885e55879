using System.Text.Json.Nodes;
using Stoa.Worktables.Tests.Fixtures;

namespace Stoa.Worktables.Tests.Export;

public sealed class JsonExportTests
{
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
        using var ms = new MemoryStream();
        t.ExportJson(ms, includeSystemFields: true);
        var doc = JsonNode.Parse(ms.ToArray())!;
        Assert.Equal("t", (string)doc["table"]!);
        var doubled = doc["columns"]!.AsArray().Single(c => (string)c!["name"]! == "doubled")!;
        Assert.Equal(("Jy", "phot.flux.density"), ((string)doubled["unit"]!, (string)doubled["ucd"]!));
        var rows = doc["rows"]!.AsArray();
        Assert.Equal([6L, 8L], rows.Select(r => (long)r!["doubled"]!));
        Assert.Equal("a \"q\"", (string)rows[0]!["label"]!);
        Assert.Null(rows[1]!["label"]);
        Assert.Equal("Succeeded", (string)rows[0]!["status"]!);
    }
}
