using System.Text.Json.Nodes;
using Stoa.Worktables.Access;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Execution;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Fixtures;

namespace Stoa.Worktables.Tests.Access;

/// <summary>
/// <see cref="WorktableProject.OpenTable(string, string?)"/>: the acting-user rule every host shares, and the
/// <see cref="IWorktable"/> handle it returns (both implementations); what a recompute reports; the project's executor.
/// </summary>
public sealed class TableHandleTests
{
    [Fact]
    public void A_Table_Nobody_Owns_Is_Opened_With_Administrator_Access()
    {
        using var s = new ScratchProject();
        s.Project.AddUser("ada");
        s.Project.CreateTable("t", ScratchProject.Doubler());
        var handle = s.Project.OpenTable("t", null);
        Assert.IsType<Worktable>(handle);
        Assert.Null(handle.ActingUser);
        Assert.All(Enum.GetValues<WorktableOperation>(), op => Assert.True(handle.Allows(op)));

        // A named user with no role on it is refused, as through the web.
        var ada = s.Project.OpenTable("t", "ada");
        Assert.Equal("ada", ada.ActingUser);
        Assert.Throws<AccessDeniedException>(() => ada.Rows());
    }

    [Fact]
    public void Without_A_User_The_Single_Owner_Acts_And_Several_Owners_Need_One()
    {
        using var s = new ScratchProject();
        var p = s.Project;
        p.AddUser("ada");
        p.AddUser("bob");
        var owned = p.CreateTableAs("ada", "t", ScratchProject.Doubler());
        owned.Grant("bob", WorktableRole.Reader);

        var handle = p.OpenTable("t", null);
        Assert.Equal("ada", Assert.IsType<UserWorktable>(handle).User);

        owned.Grant("bob", WorktableRole.Owner);
        var e = Assert.Throws<ActingUserException>(() => p.OpenTable("t", null));
        Assert.Contains("ada, bob", e.Message, StringComparison.Ordinal);
        Assert.Equal("bob", p.OpenTable("t", "bob").ActingUser);
    }

    [Fact]
    public void An_Unknown_User_Or_Table_Is_Refused_Before_Anything_Is_Done()
    {
        using var s = new ScratchProject();
        s.Project.CreateTable("t", ScratchProject.Doubler());
        var e = Assert.Throws<ActingUserException>(() => s.Project.OpenTable("t", "nobody"));
        Assert.Contains("'nobody'", e.Message, StringComparison.Ordinal);
        Assert.Throws<ActingUserException>(() => s.Project.OpenTable("t", " "));
        Assert.Throws<WorktableException>(() => s.Project.OpenTable("missing", null));
        Assert.Empty(s.Project.AuditLog());
    }

    [Fact]
    public void Flags_And_Comments_With_Administrator_Access_Are_Authored_By_The_System_User()
    {
        using var s = new ScratchProject();
        IWorktable t = s.Project.CreateTable("t", ScratchProject.Doubler());
        var row = t.AddRow(new Dictionary<string, object?> { ["x"] = 1 });
        t.SetFlag(row, "suspect");
        t.SetFlag(row, "good");
        t.ClearFlag(row, "suspect");
        var comment = t.AddComment(row, "edge of the map");
        Assert.Equal(["good"], t.Flags(row).Select(f => f.Label));
        Assert.Equal(3, t.FlagHistory(row).Count);
        Assert.Equal(Environment.UserName, comment.Author);
        Assert.Equal("edge of the map", Assert.Single(t.Comments(row)).Text);
        Assert.Throws<KeyNotFoundException>(() => t.AddComment(row + 100, "no such row"));
    }

    [Fact]
    public async Task A_Recompute_Reports_Its_Table_And_Each_Row_It_Ran_With_How_It_Ended()
    {
        using var s = new ScratchProject();
        IWorktable t = s.Project.CreateTable("t", ScratchProject.Doubler());
        var ids = new[] { 1, 13, 3 }.Select(x => t.AddRow(new Dictionary<string, object?> { ["x"] = x })).ToList();
        var executor = new InProcessExecutor(e => (long)e.Inputs["x"]! == 13
            ? throw new InvalidOperationException("13 fails")
            : new Dictionary<string, object?> { ["doubled"] = 2L * (long)e.Inputs["x"]!, ["text"] = "" });
        var progress = new List<RecomputeProgress>();
        var result = await t.RecomputeAsync(executor, new RecomputeOptions { MaxParallelism = 1, Progress = new Collect(progress) });

        Assert.Equal("t", result.Table);
        Assert.Equal(ids, result.Rows.Select(r => r.RowId));
        Assert.Equal([RowStatus.Succeeded, RowStatus.Failed, RowStatus.Succeeded], result.Rows.Select(r => r.Status));
        Assert.All(progress, p => Assert.Equal("t", p.Table));

        // Nothing changed: nothing runs, and the result says so.
        var again = await t.RecomputeAsync(executor, new RecomputeOptions { RetryFailed = false });
        Assert.Empty(again.Rows);
    }

    [Fact]
    public async Task The_Project_Runs_Rows_On_The_Executor_It_Was_Opened_With()
    {
        using var s = new ScratchProject();
        s.Project.Dispose();
        using var p = WorktableProject.Open(s.Path, new WorktableProjectOptions { Executor = ScratchProject.DoublerExecutor("bound") });
        IWorktable t = p.CreateTable("t", ScratchProject.Doubler());
        var row = t.AddRow(new Dictionary<string, object?> { ["x"] = 4 });
        var result = await t.RecomputeAsync(null, CancellationToken.None);
        Assert.Equal([new RecomputedRow(row, RowStatus.Succeeded)], result.Rows);
        Assert.Equal("bound:", (string?)t.GetRow(row)["text"]);

        var all = await p.RecomputeAllAsync(null, CancellationToken.None);
        Assert.Empty(all["t"].Rows);
    }

    [Fact]
    public void Cell_Text_Is_Parsed_By_The_Column_Type_As_A_Csv_Cell_Is()
    {
        using var s = new ScratchProject();
        IWorktable t = s.Project.CreateTable("t", ScratchProject.Doubler());
        var row = t.AddRow(new Dictionary<string, object?> { ["x"] = new CellText(" 5 "), ["label"] = new CellText("5") });
        Assert.Equal(5L, (long)t.GetRow(row)["x"]!);
        Assert.Equal("5", (string)t.GetRow(row)["label"]!);
        t.Edit(row, "label", new CellText(""));
        Assert.Null(t.GetRow(row)["label"]);

        var e = Assert.Throws<CellTypeException>(() => t.Edit(row, "x", new CellText("five")));
        Assert.Equal("x", e.Column);
        Assert.Equal(5L, (long)t.GetRow(row)["x"]!);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_Non_Finite_Cell_Is_A_Cell_Type_Exception(double value)
    {
        using var s = new ScratchProject();
        var wf = Workflow.WorkflowDefinition.FromColumns(
            "any", [ColumnDefinition.Input("v", ColumnType.Any), ColumnDefinition.Input("d", ColumnType.Double.AsOptional())], [], "any v1");
        IWorktable t = s.Project.CreateTable("t", wf);
        foreach (var cell in new object?[] { value, (float)value, JsonValue.Create(value), new[] { 1.0, value } })
        {
            var e = Assert.Throws<CellTypeException>(() => t.AddRow(new Dictionary<string, object?> { ["v"] = cell }));
            Assert.Equal("v", e.Column);
        }

        Assert.Throws<CellTypeException>(() => t.AddRow(new Dictionary<string, object?> { ["v"] = 1, ["d"] = value }));
        Assert.Empty(t.Rows());
    }

    private sealed class Collect(List<RecomputeProgress> into) : IProgress<RecomputeProgress>
    {
        public void Report(RecomputeProgress value)
        {
            lock (into)
            {
                into.Add(value);
            }
        }
    }
}
