using System.CommandLine;
using Stoa.Worktables;

namespace Stoa.Host.Commands.Table;

/// <summary>The options every project command shares: which project file, and JSON output for scripts.</summary>
internal static class ProjectOptions
{
    /// <summary>The environment variable that names the default project file.</summary>
    public const string ProjectVariable = "STOA_PROJECT";

    /// <summary>
    /// <c>--project FILE|URI</c>: the project, a SQLite file or a PostgreSQL database (<c>postgresql://user@host/db</c>).
    /// Default: <c>$STOA_PROJECT</c>, else <c>./project.stoa</c>.
    /// </summary>
    public static Option<string> Project() => new("--project", "-p")
    {
        Description = $"The project: a SQLite file, or a PostgreSQL database as postgresql://user[:password]@host[:port]/db. Default: ${ProjectVariable}, else ./project.stoa.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ProjectVariable) is { Length: > 0 } p ? p : "project.stoa",
        Recursive = true,
    };

    /// <summary>The project location as given: a database location untouched, a file made absolute.</summary>
    public static string Resolve(string value) => WorktableProject.IsDatabaseLocation(value) ? value : Path.GetFullPath(value);

    /// <summary>
    /// What the names of the host's own files of the project start with (<c>-access.json</c>, <c>-logins.jsonl</c>,
    /// <c>-keys</c>): the project file, or <c>project</c> in the files directory of a PostgreSQL project, shared by
    /// every server of it.
    /// </summary>
    public static string FilesPrefix(WorktableProject project) => project.IsShared ? Path.Combine(project.FilesDirectory, "project") : project.Path;

    /// <summary><c>--json</c>: machine-readable output on stdout instead of rendered text.</summary>
    public static Option<bool> Json() => new("--json")
    {
        Description = "Write JSON to stdout (for scripts) instead of rendered text.",
        Recursive = true,
    };
}
