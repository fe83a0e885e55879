using Stoa.Worktables.Model;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Provenance.Tests;

/// <summary>A project in a fresh temporary directory (deleted on dispose) with one table keyed by name and epoch.</summary>
internal sealed class ScratchTable : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("stoa-wtprov-").FullName;

    public ScratchTable()
    {
        Project = WorktableProject.Open(Path.Combine(_dir, "test.stoa"));
        var workflow = WorkflowDefinition.FromColumns(
            "measure",
            [ColumnDefinition.Input("name", ColumnType.String), ColumnDefinition.Input("epoch", ColumnType.Double)],
            [ColumnDefinition.Output("flux", ColumnType.Double)],
            "measure v1");
        Table = Project.CreateTable("sources", workflow, new WorktableOptions { KeyColumns = ["name", "epoch"] });
    }

    public WorktableProject Project { get; }

    public Worktable Table { get; }

    /// <summary>Sets flux = epoch / 2 in every row.</summary>
    public static Execution.InProcessExecutor Measure() => new(e => new Dictionary<string, object?> { ["flux"] = (double)e.Inputs["epoch"]! / 2 });

    public void Dispose()
    {
        Project.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
