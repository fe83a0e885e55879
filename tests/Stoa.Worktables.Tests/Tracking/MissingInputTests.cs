using Stoa.Worktables.Execution;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Fixtures;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Tests.Tracking;

/// <summary>
/// An input file that goes missing and comes back (both found by <c>FileTrackingPropertiesTests</c>): a row is
/// in need of a run exactly while its file is missing or changed, whatever happens to the workflow meanwhile.
/// </summary>
public sealed class MissingInputTests
{
    private static WorkflowDefinition Length(string version) =>
        WorkflowDefinition.FromColumns("len", [ColumnDefinition.Input("data", ColumnType.File)], [ColumnDefinition.Output("len", ColumnType.Long)], version);

    private static readonly InProcessExecutor Executor = new(e => new Dictionary<string, object?> { ["len"] = new FileInfo((string)e.Inputs["data"]!["location"]!).Length });

    private static async Task<(ScratchProject S, Worktable T, string A, long[] Ids)> Table()
    {
        var s = new ScratchProject();
        var a = s.WriteFile("a.txt", "one");
        var b = s.WriteFile("b.txt", "two");
        var t = s.Project.CreateTable("t", Length("v1"));
        var ids = t.AddRows([new Dictionary<string, object?> { ["data"] = a }, new Dictionary<string, object?> { ["data"] = b }]);
        Assert.Equal(2, (await t.RecomputeAsync(Executor)).Succeeded);
        return (s, t, a, [.. ids]);
    }

    [Fact]
    public async Task A_file_back_with_its_old_content_leaves_its_rows_Succeeded_with_no_reason()
    {
        var (s, t, a, ids) = await Table();
        using var _ = s;
        File.Delete(a);
        Assert.Equal([ids[0]], t.CheckFiles().RowsChanged);
        Assert.Equal(RowStatus.Stale, t.GetRow(ids[0]).Status);
        Assert.Equal([$"input file {a} is missing"], t.GetRow(ids[0]).Reasons);

        File.WriteAllText(a, "one");
        t.CheckFiles();
        Assert.Equal(RowStatus.Succeeded, t.GetRow(ids[0]).Status);
        Assert.Empty(t.GetRow(ids[0]).Reasons);
        Assert.Empty(t.RowsToRecompute());
    }

    [Fact]
    public async Task A_file_back_with_other_content_keeps_its_rows_Stale_and_they_run()
    {
        var (s, t, a, ids) = await Table();
        using var _ = s;
        File.Delete(a);
        t.CheckFiles();
        File.WriteAllText(a, "three");
        t.CheckFiles();
        Assert.Equal(RowStatus.Stale, t.GetRow(ids[0]).Status);
        Assert.Equal([ids[0]], t.RowsToRecompute());
        Assert.Equal(1, (await t.RecomputeAsync(Executor)).Succeeded);
        Assert.Equal(5L, (long)t.GetRow(ids[0])["len"]!);
    }

    [Fact]
    public async Task A_workflow_change_undone_does_not_revive_a_row_whose_file_is_missing()
    {
        var (s, t, a, ids) = await Table();
        using var _ = s;
        File.Delete(a);
        var failed = await t.RecomputeAsync(Executor);
        Assert.Equal(1, failed.Failed);
        Assert.Equal(RowStatus.Failed, t.GetRow(ids[0]).Status);
        Assert.Equal(3L, (long)t.GetRow(ids[0])["len"]!);

        t.ChangeWorkflow(Length("v2"));
        t.ChangeWorkflow(Length("v1"));
        Assert.Equal(RowStatus.Succeeded, t.GetRow(ids[1]).Status);
        Assert.NotEqual(RowStatus.Succeeded, t.GetRow(ids[0]).Status);
        Assert.Equal([ids[0]], t.RowsToRecompute());
    }
}
