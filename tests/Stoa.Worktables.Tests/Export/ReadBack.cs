using System.Text.Json;
using System.Text.Json.Nodes;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Tests.Export;

/// <summary>Checks what a reader (astropy) found in an export against the worktable's own rows, cell by cell.</summary>
internal static class ReadBack
{
    /// <summary>
    /// Asserts that every worktable column is present with its unit and UCD and that every cell holds the row's value:
    /// numbers (floats to single precision), booleans, text, File/Directory locations, fixed vectors element by
    /// element, other structured values as their JSON text; empty cells masked.
    /// </summary>
    /// <param name="columns">The reader's columns: name, unit, ucd, values, masked.</param>
    /// <param name="table">The table exported.</param>
    /// <param name="rows">The rows exported, in order.</param>
    /// <param name="booleanNullsMasked">Whether the reader masks null booleans (astropy does not for FITS logicals: 0x00 reads False).</param>
    /// <param name="textNullsMasked">Whether the reader masks null text (astropy's VOTable reader never masks char columns,
    /// even when BINARY2 flags them: astropy issue 8995); when not, a null text cell must read as an empty string.</param>
    public static void AssertMatches(JsonArray columns, Worktable table, IReadOnlyList<WorktableRow> rows, bool booleanNullsMasked, bool textNullsMasked = true)
    {
        foreach (var def in table.Columns)
        {
            var col = columns.SingleOrDefault(c => (string)c!["name"]! == def.Name) ?? throw new Xunit.Sdk.XunitException($"column {def.Name} missing");
            Assert.Equal(def.Unit, (string?)col["unit"]);
            Assert.Equal(def.Ucd, (string?)col["ucd"]);
            var values = col["values"]!.AsArray();
            var masked = col["masked"]!.AsArray();
            Assert.Equal(rows.Count, values.Count);
            for (var r = 0; r < rows.Count; r++)
            {
                var where = $"column {def.Name}, row {r}";
                var cell = rows[r][def.Name];
                var actual = values[r];
                if (cell is null)
                {
                    if (def.Type.Kind == ColumnTypeKind.Boolean && !booleanNullsMasked)
                    {
                        Assert.False((bool)actual!, where);
                    }
                    else if (!textNullsMasked && IsText(col))
                    {
                        Assert.Equal("", (string?)actual);
                    }
                    else
                    {
                        Assert.True((bool)masked[r]!, where + " should be masked");
                    }

                    continue;
                }

                Assert.False((bool)masked[r]!, where + " should not be masked");
                AssertCell(def.Type, cell, actual, where);
            }
        }
    }

    private static bool IsText(JsonNode column) =>
        (string)column["dtype"]! is var d && (d == "object" || d.StartsWith("<U", StringComparison.Ordinal) || d.StartsWith("|S", StringComparison.Ordinal));

    private static void AssertCell(ColumnType type, JsonNode cell, JsonNode? actual, string where)
    {
        switch (type.Kind)
        {
            case ColumnTypeKind.Int or ColumnTypeKind.Long:
                Assert.True((long)cell == (long)actual!, $"{where}: {cell} ≠ {actual}");
                break;
            case ColumnTypeKind.Float:
                Assert.True((float)cell == (float)actual!, $"{where}: {cell} ≠ {actual}");
                break;
            case ColumnTypeKind.Double:
                Assert.True((double)cell == (double)actual!, $"{where}: {cell} ≠ {actual}");
                break;
            case ColumnTypeKind.Boolean:
                Assert.True((bool)cell == (bool)actual!, where);
                break;
            case ColumnTypeKind.String or ColumnTypeKind.Enum:
                Assert.Equal((string?)cell, (string?)actual);
                break;
            case ColumnTypeKind.File or ColumnTypeKind.Directory:
                Assert.Equal((string)cell["location"]!, (string?)actual);
                break;
            case ColumnTypeKind.Array when actual?.GetValueKind() == JsonValueKind.Array:
                {
                    var expected = cell.AsArray();
                    var got = actual.AsArray();
                    Assert.Equal(expected.Count, got.Count);
                    for (var k = 0; k < expected.Count; k++)
                    {
                        AssertCell(type.Items!, expected[k]!, got[k], $"{where}[{k}]");
                    }

                    break;
                }

            case ColumnTypeKind.Array when actual?.GetValueKind() == JsonValueKind.Number:
                // A one-element vector reads back as a scalar (FITS "1E" is "E").
                AssertCell(type.Items!, cell.AsArray().Single()!, actual, where);
                break;
            default:
                Assert.Equal(cell.ToJsonString(), (string?)actual);
                break;
        }
    }
}
