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
        var command = new Command("init", "Create an empty project (other commands say 'no project at PATH' instead of creating one).") { project };
        command.SetAction(parse =>
        {
            var location = ProjectOptions.Resolve(parse.GetValue(project)!);
            var existed = WorktableProject.IsDatabaseLocation(location) ? Exists(location) : File.Exists(location);
            return TableCommands.Run(parse, project, p =>
            {
                Console.WriteLine(existed ? $"{p.Path}: already a project (unchanged)" : $"created project {p.Path}");
                return ExitCodes.Success;
            }, create: true);
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
