using Microsoft.Extensions.Hosting;
using System.CommandLine;
using Stoa.Host.Commands.Table;
using Stoa.Host.Web;

namespace Stoa.Host.Commands.Serve;

/// <summary><c>stoa serve --urls http://127.0.0.1:PORT [--project FILE|DIR]</c>: the worktable web app.</summary>
internal static class ServeCommand
{
    /// <summary>Builds the <c>serve</c> command.</summary>
    public static Command Create()
    {
        var project = ProjectOptions.Project();
        project.Description = "The project file, or a directory holding project.stoa (e.g. a 'stoa demo --dir' directory).";
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var interval = new Option<double>("--check-interval")
        {
            Description = "Seconds between re-checks of the tables' files on disk (changes are also noticed by file notifications).",
            DefaultValueFactory = _ => 10,
        };
        var command = new Command("serve", "Serve the worktable web app (login, live row status, edit/run, comments, downloads, Send to TOPCAT).") { project, urls, interval };
        command.SetAction((parse, cancellationToken) =>
        {
            var seconds = parse.GetValue(interval);
            if (!(seconds is > 0 and <= 86400))
            {
                Console.Error.WriteLine($"stoa serve: --check-interval must be between 0 and 86400 seconds (got {seconds}).");
                return Task.FromResult(ExitCodes.BadInput);
            }

            var path = parse.GetValue(project)!.FullName;
            if (Directory.Exists(path))
            {
                path = Path.Combine(path, "project.stoa");
            }

            return TableCommands.RunAsync(parse, async p =>
            {
                await using var app = WebApp.Build(p, parse.GetValue(urls)!, TimeSpan.FromSeconds(seconds));
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                Console.WriteLine($"serving {p.Path} on {parse.GetValue(urls)} (Ctrl+C to stop)");
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }, path);
        });
        return command;
    }
}
