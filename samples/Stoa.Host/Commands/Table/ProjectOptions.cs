using System.CommandLine;

namespace Stoa.Host.Commands.Table;

/// <summary>The options every project command shares: which project file, and JSON output for scripts.</summary>
internal static class ProjectOptions
{
    /// <summary>The environment variable that names the default project file.</summary>
    public const string ProjectVariable = "STOA_PROJECT";

    /// <summary><c>--project FILE</c>: the project (a SQLite file). Default: <c>$STOA_PROJECT</c>, else <c>./project.stoa</c>.</summary>
    public static Option<FileInfo> Project() => new("--project", "-p")
    {
        Description = $"The project file (SQLite). Default: ${ProjectVariable}, else ./project.stoa.",
        DefaultValueFactory = _ => new FileInfo(Environment.GetEnvironmentVariable(ProjectVariable) is { Length: > 0 } p ? p : "project.stoa"),
        Recursive = true,
    };

    /// <summary><c>--json</c>: machine-readable output on stdout instead of rendered text.</summary>
    public static Option<bool> Json() => new("--json")
    {
        Description = "Write JSON to stdout (for scripts) instead of rendered text.",
        Recursive = true,
    };
}
