using Stoa.Worktables.Model;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Tests.Fixtures;

/// <summary>A project in a fresh temporary directory, deleted on dispose.</summary>
internal sealed class ScratchProject : IDisposable
{
    public ScratchProject()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("stoa-wt-").FullName;
        Path = System.IO.Path.Combine(Directory, "test.stoa");
        Project = WorktableProject.Open(Path);
    }

    public string Directory { get; }

    public string Path { get; }

    public WorktableProject Project { get; private set; }

    /// <summary>Closes and reopens the project (as a new process would).</summary>
    public WorktableProject Reopen()
    {
        Project.Dispose();
        Project = WorktableProject.Open(Path);
        return Project;
    }

    public string WriteFile(string name, string content)
    {
        var p = System.IO.Path.Combine(Directory, name);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        File.WriteAllText(p, content);
        return p;
    }

    public void Dispose()
    {
        Project.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>x:int, label:string? → doubled:long, text:string.</summary>
    public static WorkflowDefinition Doubler(string version = "v1") => WorkflowDefinition.FromColumns(
        "doubler",
        [ColumnDefinition.Input("x", ColumnType.Int), ColumnDefinition.Input("label", ColumnType.String.AsOptional())],
        [ColumnDefinition.Output("doubled", ColumnType.Long), ColumnDefinition.Output("text", ColumnType.String)],
        "doubler " + version);

    public static Stoa.Worktables.Execution.InProcessExecutor DoublerExecutor(string version = "v1") => new(e =>
        new Dictionary<string, object?>
        {
            ["doubled"] = 2L * (long)e.Inputs["x"]!,
            ["text"] = version + ":" + ((string?)e.Inputs.GetValueOrDefault("label") ?? ""),
        });
}
