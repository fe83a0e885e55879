using System.CommandLine;
using Stoa.Host.Commands.Table;
using Stoa.Worktables;
using Stoa.Worktables.Errors;

namespace Stoa.Host.Commands.Init;

/// <summary>
/// <c>stoa init [-p FILE]</c>: creates an empty project. The other commands never create one (a mistyped
/// <c>--project</c> would otherwise leave an empty project behind), except those that make a table in it.
/// </summary>
internal static class InitCommand
{
    /// <summary>Builds the <c>init</c> command.</summary>
    public static Command Create()
    {
        var project = ProjectOptions.Project();
        var files = new Option<string?>("--files")
        {
            Description = "For a PostgreSQL project: the directory of its outputs, job folders, workflows and logs, on a file system every machine mounts (recorded in the database). Default: ./<database>.stoa-files.",
        };
        var command = new Command("init", "Create an empty project (other commands say 'no project at PATH' instead of creating one).") { project, files };
        command.SetAction(parse =>
        {
            var location = ProjectOptions.Resolve(parse.GetValue(project)!);
            var existed = WorktableProject.IsDatabaseLocation(location) ? Exists(location) : File.Exists(location);
            var options = new WorktableProjectOptions { FilesDirectory = parse.GetValue(files) };
            return TableCommands.RunAsync(parse, p =>
            {
                Console.WriteLine(existed ? $"{p.Path}: already a project (unchanged)" : $"created project {p.Path}" + (p.IsShared ? $" (files in {p.FilesDirectory})" : ""));
                return Task.FromResult(ExitCodes.Success);
            }, location, create: true, options).GetAwaiter().GetResult();
        });
        return command;
    }

    /// <summary>Whether the database holds a project already (an unreachable server is reported by the open that follows).</summary>
    private static bool Exists(string location)
    {
        try
        {
            using var existing = WorktableProject.OpenExisting(location);
            return true;
        }
        catch (WorktableException)
        {
            return false;
        }
    }
}
