using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Fixtures;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Tests.Security;

/// <summary>
/// Issue #16 row 10 (library side): a text cell FITS cannot carry (a control character) is refused by the FITS
/// export with a CellException naming the row and column, on one line, before anything is written; the argument
/// check deep in Stoa.Fits is never reached.
/// </summary>
public sealed class FitsControlCharacterTests
{
    private static Worktable Labels(ScratchProject s) => s.Project.CreateTable("t", WorkflowDefinition.FromColumns("w",
        [ColumnDefinition.Input("label", ColumnType.String)], [ColumnDefinition.Output("y", ColumnType.Long)], "w v1"));

    [Theory]
    [InlineData("a\u0001b", "U+0001")]
    [InlineData("line\nbreak", "U+000A")]
    [InlineData("esc\u001b[31mred", "U+001B")]
    [InlineData("del\u007f", "U+007F")]
    [InlineData("tab\there", "U+0009")]
    public void A_Control_Character_In_A_String_Cell_Is_Refused_Naming_Row_And_Column(string text, string code)
    {
        using var s = new ScratchProject();
        var t = Labels(s);
        t.AddRow(new Dictionary<string, object?> { ["label"] = "fine" });
        var bad = t.AddRow(new Dictionary<string, object?> { ["label"] = text });
        using var stream = new MemoryStream();

        var e = Assert.ThrowsAny<CellException>(() => t.ExportFits(stream));

        Assert.Equal(bad, e.RowId);
        Assert.Equal("label", e.Column);
        Assert.StartsWith($"row {bad}, column 'label':", e.Message, StringComparison.Ordinal);
        Assert.Contains($"control character {code}", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(e.Message, char.IsControl);
        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public void Non_Ascii_Text_Is_Still_Refused_With_Its_Own_Reason()
    {
        using var s = new ScratchProject();
        var t = Labels(s);
        var bad = t.AddRow(new Dictionary<string, object?> { ["label"] = "Ångström" });

        var e = Assert.ThrowsAny<CellException>(() => t.ExportFits(new MemoryStream()));

        Assert.Equal(bad, e.RowId);
        Assert.Contains("U+00C5 cannot be exported to FITS (use VOTable)", e.Message, StringComparison.Ordinal);
    }
}
