using Stoa.Tests.Shared;
using Stoa.Worktables.Model;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Tests.Fixtures;

/// <summary>
/// A fresh project, deleted on dispose: a SQLite file in a temporary directory, or a new PostgreSQL database (see
/// <see cref="TestPostgres"/>) whose files directory is the temporary directory.
/// </summary>
internal sealed class ScratchProject : IDisposable
{
    public ScratchProject(StoreKind kind = StoreKind.Sqlite)
    {
        Kind = kind;
        Directory = System.IO.Directory.CreateTempSubdirectory("stoa-wt-").FullName;
        Path = kind == StoreKind.Postgres ? TestPostgres.CreateDatabase() : System.IO.Path.Combine(Directory, "test.stoa");
        Project = WorktableProject.Open(Path, new WorktableProjectOptions { FilesDirectory = System.IO.Path.Combine(Directory, "files") });
    }

    public StoreKind Kind { get; }

    public string Directory { get; }

    /// <summary>The project's location: the file, or the database's URI.</summary>
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
        if (Kind == StoreKind.Postgres)
        {
            TestPostgres.DropDatabase(Path);
        }

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
