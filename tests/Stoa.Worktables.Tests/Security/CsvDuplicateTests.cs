using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Fixtures;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Tests.Security;

/// <summary>
/// Issue #16 row 14 (library side): a CSV header naming a column twice is refused, naming it, instead of the last
/// one silently winning; and a CSV error's line number is the file's own line.
/// </summary>
public sealed class CsvDuplicateTests
{
    private static Worktable Table(ScratchProject s) => s.Project.CreateTable("t", WorkflowDefinition.FromColumns("w",
        [ColumnDefinition.Input("name", ColumnType.String), ColumnDefinition.Input("seed", ColumnType.Int.AsOptional())],
        [ColumnDefinition.Output("y", ColumnType.Long)], "w v1"), new WorktableOptions { KeyColumns = ["name"] });

    [Theory]
    [InlineData("name,name\nA,B\n", "name", 2)]
    [InlineData("name,seed,seed\nA,5,6\n", "seed", 2)]
    [InlineData("seed,name,seed,seed\n1,A,2,3\n", "seed", 3)]
    public void A_Header_Naming_A_Column_Twice_Is_Refused_Naming_It(string csv, string column, int times)
    {
        using var s = new ScratchProject();
        var t = Table(s);

        var e = Assert.ThrowsAny<CellException>(() => t.ImportCsv(new StringReader(csv)));

        Assert.Equal(1, e.SourceRow);
        Assert.Equal(column, e.Column);
        Assert.Contains($"the header names column '{column}' {times} times", e.Message, StringComparison.Ordinal);
        Assert.Empty(t.Rows());
    }

    [Theory]
    [InlineData("name,seed\nA,1\nB,2\nC,3\nA,4\n", 5)]                       // the header is line 1: the 4th row is line 5
    [InlineData("name,seed\nA,1\n\nB,2\n\nA,4\n", 6)]                        // blank lines count
    [InlineData("name,seed\n\"A\",1\n\"multi\nline\",2\nA,3\n", 5)]         // so does a line break inside quotes
    public void A_Duplicate_Key_Names_The_Files_Own_Line(string csv, int line)
    {
        using var s = new ScratchProject();
        var t = Table(s);

        var e = Assert.Throws<DuplicateKeyException>(() => t.ImportCsv(new StringReader(csv)));

        Assert.Equal(line, e.SourceRow);
        Assert.StartsWith($"CSV line {line}", e.Message, StringComparison.Ordinal);
        Assert.Empty(t.Rows());
    }
}
