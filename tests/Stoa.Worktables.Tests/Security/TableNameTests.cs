using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Bundles;
using Stoa.Worktables.Tests.Fixtures;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Tests.Security;

/// <summary>
/// Issue #16 row 13: table names are identifiers (letters, digits, '_', '-', '.'), checked when a table is created
/// or imported, so every listed table is reachable at <c>/t/NAME</c> and in a folder of its own.
/// </summary>
public sealed class TableNameTests
{
    private static WorkflowDefinition Workflow() => WorkflowDefinition.FromColumns("w",
        [ColumnDefinition.Input("x", ColumnType.Long)], [ColumnDefinition.Output("y", ColumnType.Long)], "w v1");

    public static TheoryData<string> BadNames => new()
    {
        "a/b", "../x", "..", ".", ".hidden", "-x", "a b", "a\\b", "tab\tle", "%2E", "a?b", "a#b", "fläche", new string('a', 129),
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public void A_Name_That_Is_Not_An_Identifier_Is_Refused_On_Creation(string name)
    {
        using var s = new ScratchProject();

        var e = Assert.ThrowsAny<WorktableException>(() => s.Project.CreateTable(name, Workflow()));

        Assert.Contains("use letters, digits, '_', '-' and '.'", e.Message, StringComparison.Ordinal);
        Assert.Empty(s.Reopen().TableNames);
    }

    [Theory]
    [MemberData(nameof(BadNames))]
    public void A_Name_That_Is_Not_An_Identifier_Is_Refused_On_Import(string name)
    {
        using var s = new ScratchProject();
        var wtx = new StoaBundle().Without("links.txt").Write(System.IO.Path.Combine(s.Directory, "run.wtx"));

        var e = Assert.ThrowsAny<WorktableException>(() => s.Project.ImportWtx(wtx, name));

        Assert.Contains("use letters, digits, '_', '-' and '.'", e.Message, StringComparison.Ordinal);
        Assert.Empty(s.Reopen().TableNames);
        Assert.True(!Directory.Exists(s.Project.BundleDirectory) || !Directory.EnumerateFileSystemEntries(s.Project.BundleDirectory).Any());
    }

    [Theory]
    [InlineData("t")]
    [InlineData("survey_2026.v2-final")]
    [InlineData("_scratch")]
    [InlineData("3C273")]
    public void Identifiers_Are_Accepted(string name)
    {
        using var s = new ScratchProject();

        s.Project.CreateTable(name, Workflow());

        Assert.Equal([name], s.Reopen().TableNames);
    }
}
