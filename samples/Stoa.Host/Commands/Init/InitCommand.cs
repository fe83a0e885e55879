using System.CommandLine;
using Stoa.Host.Commands.Table;

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
            var existed = parse.GetValue(project)!.Exists;
            return TableCommands.Run(parse, project, p =>
            {
                Console.WriteLine(existed ? $"{p.Path}: already a project (unchanged)" : $"created project {p.Path}");
                return ExitCodes.Success;
            }, create: true);
        });
        return command;
    }
}
