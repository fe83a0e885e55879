using System.CommandLine;
using Spectre.Console;
using Stoa.Host.Demo;
using Stoa.Worktables.Errors;

namespace Stoa.Host.Commands.Demo;

/// <summary><c>stoa demo [--dir DIR]</c>: the README's main command (see <see cref="DemoRunner"/>).</summary>
internal static class DemoCommand
{
    /// <summary>Builds the <c>demo</c> command.</summary>
    public static Command Create()
    {
        var dir = new Option<DirectoryInfo?>("--dir") { Description = "Where to put the project, fields, workflows and exports (default: a new temporary directory)." };
        var command = new Command("demo", "Simulate three radio fields, find their sources with BaSC through a CWL worktable, summarise, edit, rerun minimally, export PROV.") { dir };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = parse.GetValue(dir)?.FullName ?? Directory.CreateTempSubdirectory("stoa-demo-").FullName;
            try
            {
                return await new DemoRunner(AnsiConsole.Console, target).RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (WorktableException e)
            {
                Console.Error.WriteLine($"stoa demo: {e.Message}");
                return e is ProjectInUseException ? ExitCodes.ProjectInUse : ExitCodes.BadInput;
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine("stoa demo: cancelled");
                return ExitCodes.Cancelled;
            }
        });
        return command;
    }
}
