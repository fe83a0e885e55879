using System.Collections.Concurrent;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Execution;
using Stoa.Worktables.Links;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Fixtures;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Tests.Links;

public sealed class LinkTests
{
    /// <summary>x:int, d:long? → y:long = d + 1.</summary>
    private static WorkflowDefinition PlusOne() => WorkflowDefinition.FromColumns(
        "plus-one",
        [ColumnDefinition.Input("x", ColumnType.Int), ColumnDefinition.Input("d", ColumnType.Long.AsOptional())],
        [ColumnDefinition.Output("y", ColumnType.Long)],
        "plus-one v1");

    private static InProcessExecutor PlusOneExecutor(ConcurrentBag<long> ran) => new(e =>
    {
        ran.Add(e.RowId);
        return new Dictionary<string, object?> { ["y"] = (long?)e.Inputs.GetValueOrDefault("d") + 1 ?? -1 };
    });

    /// <summary>n:int → items:long[] = [0, 10, 20 …] (n elements).</summary>
    private static WorkflowDefinition Lister() => WorkflowDefinition.FromColumns(
        "lister", [ColumnDefinition.Input("n", ColumnType.Int)], [ColumnDefinition.Output("items", ColumnType.Array(ColumnType.Long))], "lister v1");

    /// <summary>e:long, i:long? → sq:long = e*e.</summary>
    private static WorkflowDefinition Squarer() => WorkflowDefinition.FromColumns(
        "squarer",
        [ColumnDefinition.Input("e", ColumnType.Long), ColumnDefinition.Input("i", ColumnType.Long.AsOptional())],
        [ColumnDefinition.Output("sq", ColumnType.Long)],
        "squarer v1");

    [Fact]
    public async Task Join_Feeds_Child_Rows_And_Reruns_Only_Those_Whose_Parent_Output_Changed()
    {
        using var s = new ScratchProject();
        var p = s.Project;
        var parent = p.CreateTable("parent", ScratchProject.Doubler(), new WorktableOptions { KeyColumns = ["x"] });
        var child = p.CreateTable("child", PlusOne());
        p.Link(TableLink.Join("parent", "child", new Dictionary<string, string> { ["x"] = "x" }, new Dictionary<string, string> { ["d"] = "doubled" }));
        var p1 = parent.AddRow(new Dictionary<string, object?> { ["x"] = 1 });
        parent.AddRow(new Dictionary<string, object?> { ["x"] = 2 });
        var c1 = child.AddRow(new Dictionary<string, object?> { ["x"] = 1 });
        var c2 = child.AddRow(new Dictionary<string, object?> { ["x"] = 2 });
        var ran = new ConcurrentBag<long>();
        IRowExecutor For(Worktable t) => t.Name == "child" ? PlusOneExecutor(ran) : ScratchProject.DoublerExecutor();

        await p.RecomputeAllAsync(For);
        Assert.Equal(3L, (long)child.GetRow(c1)["y"]!);
        Assert.Equal(5L, (long)child.GetRow(c2)["y"]!);

        // A parent edit that does not change the bound output reruns the parent only.
        ran.Clear();
        parent.Edit(p1, "label", "new label");
        var r = await p.RecomputeAllAsync(For);
        Assert.Equal(1, r["parent"].Succeeded);
        Assert.Empty(ran);

        // A parent row deleted: its joined child row is removed (documented orphan choice).
        parent.Delete(p1);
        p.PropagateLinks();
        Assert.Equal([c2], child.Rows().Select(x => x.RowId));
    }

    [Fact]
    public async Task Parent_Output_Change_Makes_Child_Stale_Then_Recomputed()
    {
        using var s = new ScratchProject();
        var p = s.Project;
        var parent = p.CreateTable("parent", Lister());
        var child = p.CreateTable("child", PlusOne());
        var sq = p.CreateTable("sq", Squarer());
        p.Link(TableLink.Generator("parent", "sq", "items", "e", "i", new Dictionary<string, string>()));
        var row = parent.AddRow(new Dictionary<string, object?> { ["n"] = 3 });
        var ran = new ConcurrentBag<long>();
        IRowExecutor For(Worktable t) => t.Name switch
        {
            "parent" => new InProcessExecutor(e => new Dictionary<string, object?> { ["items"] = Enumerable.Range(0, (int)(long)e.Inputs["n"]!).Select(i => 10L * i).ToArray() }),
            "sq" => new InProcessExecutor(e =>
            {
                ran.Add(e.RowId);
                return new Dictionary<string, object?> { ["sq"] = (long)e.Inputs["e"]! * (long)e.Inputs["e"]! };
            }),
            _ => PlusOneExecutor(ran),
        };

        await p.RecomputeAllAsync(For);
        Assert.Equal([0L, 100L, 400L], sq.Rows().Select(x => (long)x["sq"]!));
        Assert.Equal([0L, 1L, 2L], sq.Rows().Select(x => (long)x["i"]!));
        Assert.Empty(child.Rows());

        // Shorter array: the last element's row goes, the others do not rerun.
        ran.Clear();
        parent.Edit(row, "n", 2);
        await p.RecomputeAllAsync(For);
        Assert.Equal([0L, 100L], sq.Rows().Select(x => (long)x["sq"]!));
        Assert.Empty(ran);

        // Longer again: one new row runs.
        parent.Edit(row, "n", 4);
        await p.RecomputeAllAsync(For);
        Assert.Equal([0L, 100L, 400L, 900L], sq.Rows().Select(x => (long)x["sq"]!));
        Assert.Equal(2, ran.Count);

        // Parent row deleted: every generated row goes.
        parent.Delete(row);
        await p.RecomputeAllAsync(For);
        Assert.Empty(sq.Rows());
    }

    [Fact]
    public async Task Changed_Parent_Output_Marks_Child_Rows_Stale()
    {
        using var s = new ScratchProject();
        var p = s.Project;
        var parent = p.CreateTable("parent", ScratchProject.Doubler(), new WorktableOptions { KeyColumns = ["x"] });
        var child = p.CreateTable("child", PlusOne());
        p.Link(TableLink.Join("parent", "child", new Dictionary<string, string> { ["x"] = "x" }, new Dictionary<string, string> { ["d"] = "doubled" }));
        parent.AddRow(new Dictionary<string, object?> { ["x"] = 1 });
        var c = child.AddRow(new Dictionary<string, object?> { ["x"] = 1 });
        await p.RecomputeAllAsync(t => t.Name == "child" ? PlusOneExecutor([]) : ScratchProject.DoublerExecutor());
        Assert.Equal(RowStatus.Succeeded, child.GetRow(c).Status);
        parent.ChangeWorkflow(ScratchProject.Doubler("v2"));
        await parent.RecomputeAsync(new InProcessExecutor(e => new Dictionary<string, object?> { ["doubled"] = 100L, ["text"] = "v2" }));
        p.PropagateLinks();
        Assert.Equal(RowStatus.Stale, child.GetRow(c).Status);
        Assert.Equal(100L, (long)child.GetRow(c)["d"]!);
    }

    [Fact]
    public void Cycles_Are_Refused_With_Their_Path()
    {
        using var s = new ScratchProject();
        var p = s.Project;
        foreach (var n in new[] { "a", "b", "c" })
        {
            p.CreateTable(n, PlusOne());
        }

        static TableLink J(string from, string to) =>
            TableLink.Join(from, to, new Dictionary<string, string> { ["x"] = "x" }, new Dictionary<string, string> { ["d"] = "y" });
        p.Link(J("a", "b"));
        p.Link(J("b", "c"));
        var e = Assert.Throws<LinkCycleException>(() => p.Link(J("c", "a")));
        Assert.Equal(["c", "a", "b", "c"], e.Cycle);
        Assert.Contains("c → a → b → c", e.Message, StringComparison.Ordinal);
        Assert.Equal(["a", "a"], Assert.Throws<LinkCycleException>(() => p.Link(J("a", "a"))).Cycle);
        p = s.Reopen();
        Assert.Equal(2, p.Links.Count);
        Assert.Throws<LinkCycleException>(() => p.Link(J("c", "a")));
        Assert.Throws<WorktableException>(() => p.Link(TableLink.Join("a", "c", new Dictionary<string, string> { ["x"] = "y" }, new Dictionary<string, string>())));
    }
}
