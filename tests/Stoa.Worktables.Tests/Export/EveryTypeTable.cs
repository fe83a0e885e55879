using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Fixtures;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Tests.Export;

/// <summary>
/// A table with a column of every CWL type, units, UCDs and descriptions, and three rows: full values, every
/// optional cell empty, and edge values (int/long minimum, which the TNULL choice must avoid; XML-special text).
/// </summary>
internal static class EveryTypeTable
{
    public static WorkflowDefinition Workflow() => WorkflowDefinition.FromColumns(
        "every",
        [
            ColumnDefinition.Input("i", ColumnType.Int.AsOptional()) with { Unit = "ct", Ucd = "meta.number", Description = "an int" },
            ColumnDefinition.Input("l", ColumnType.Long.AsOptional()) with { Unit = "s", Ucd = "time.duration" },
            ColumnDefinition.Input("f", ColumnType.Float.AsOptional()) with { Unit = "mag", Ucd = "phot.mag" },
            ColumnDefinition.Input("d", ColumnType.Double.AsOptional()) with { Unit = "Jy", Ucd = "phot.flux.density", Description = "flux density" },
            ColumnDefinition.Input("b", ColumnType.Boolean.AsOptional()) with { Ucd = "meta.code" },
            ColumnDefinition.Input("s", ColumnType.String.AsOptional()) with { Ucd = "meta.id" },
            ColumnDefinition.Input("e", ColumnType.Enum("low", "high").AsOptional()),
            ColumnDefinition.Input("file", ColumnType.File.AsOptional()),
            ColumnDefinition.Input("dir", ColumnType.Directory.AsOptional()),
            ColumnDefinition.Input("ra", ColumnType.Double.AsOptional()) with { Unit = "deg", Ucd = "pos.eq.ra;meta.main" },
            ColumnDefinition.Input("dec", ColumnType.Double.AsOptional()) with { Unit = "deg", Ucd = "pos.eq.dec;meta.main" },
            ColumnDefinition.Input("vec", ColumnType.Array(ColumnType.Double).AsOptional()) with { Unit = "m" },
            ColumnDefinition.Input("ivec", ColumnType.Array(ColumnType.Long).AsOptional()),
            ColumnDefinition.Input("fvec", ColumnType.Array(ColumnType.Float).AsOptional()),
            ColumnDefinition.Input("jag", ColumnType.Array(ColumnType.Double).AsOptional()),
            ColumnDefinition.Input("tags", ColumnType.Array(ColumnType.String).AsOptional()),
            ColumnDefinition.Input("rec", ColumnType.Record(new RecordField("x", ColumnType.Int)).AsOptional()),
        ],
        [ColumnDefinition.Output("out", ColumnType.Double) with { Unit = "Jy" }],
        "every");

    public static Worktable Create(ScratchProject s, string name = "every")
    {
        var file = s.WriteFile("data/a.txt", "alpha");
        s.WriteFile("data/d/x.txt", "x");
        var table = s.Project.CreateTable(name, Workflow());
        table.AddRows(
        [
            new Dictionary<string, object?>
            {
                ["i"] = 7, ["l"] = 12345678901L, ["f"] = 1.5f, ["d"] = 0.012, ["b"] = true, ["s"] = "alpha", ["e"] = "low",
                ["file"] = file, ["dir"] = Path.Combine(s.Directory, "data", "d"), ["ra"] = 10.5, ["dec"] = -20.25,
                ["vec"] = new[] { 1.0, 2.0, 3.0 }, ["ivec"] = new[] { 4L, 5L }, ["fvec"] = new[] { 0.5f },
                ["jag"] = new[] { 1.0 }, ["tags"] = new[] { "x", "y" }, ["rec"] = new Dictionary<string, object?> { ["x"] = 1 },
            },
            new Dictionary<string, object?>(),
            new Dictionary<string, object?>
            {
                ["i"] = int.MinValue, ["l"] = long.MinValue, ["f"] = -2.25f, ["d"] = 1e300, ["b"] = false, ["s"] = "a \"q\" <&> ]]>", ["e"] = "high",
                ["ra"] = 359.999, ["dec"] = 89.5,
                ["vec"] = new[] { 0.5, -1.0, 1e-10 }, ["ivec"] = new[] { long.MinValue, long.MaxValue }, ["fvec"] = new[] { -0.25f },
                ["jag"] = new[] { 1.0, 2.0, 3.0 }, ["tags"] = Array.Empty<string>(),
            },
        ]);
        return table;
    }
}
