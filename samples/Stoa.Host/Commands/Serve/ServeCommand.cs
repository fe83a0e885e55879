using Microsoft.Extensions.Hosting;
using System.CommandLine;
using Stoa.Host.Commands.Table;
using Stoa.Host.Web;

namespace Stoa.Host.Commands.Serve;

/// <summary><c>stoa serve --urls http://127.0.0.1:PORT [--project FILE|DIR]</c>: the worktable web app.</summary>
internal static class ServeCommand
{
    /// <summary>The default <c>--upload-limit</c>: 256 MiB, room for a large FITS map.</summary>
    public const int DefaultUploadLimitMiB = 256;

    /// <summary>Builds the <c>serve</c> command.</summary>
    public static Command Create()
    {
        var project = ProjectOptions.Project();
        project.Description = "The project: a SQLite file, a directory holding project.stoa (e.g. a 'stoa demo --dir' directory), or a PostgreSQL database as postgresql://user[:password]@host[:port]/db.";
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => "http://127.0.0.1:5080" };
        var interval = new Option<double>("--check-interval")
        {
            Description = "Seconds between re-checks of the tables' files on disk (changes are also noticed by file notifications).",
            DefaultValueFactory = _ => 10,
        };
        interval.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is not (> 0 and <= 86400))
            {
                r.AddError("--check-interval is more than 0 and at most 86400 (seconds).");
            }
        });
        var uploadLimit = new Option<int>("--upload-limit")
        {
            Description = "The largest file an Owner may upload into a File input, in MiB.",
            DefaultValueFactory = _ => DefaultUploadLimitMiB,
        };
        uploadLimit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
            {
                r.AddError("--upload-limit is at least 1 (MiB).");
            }
        });
        var tapTimeout = new Option<double>("--tap-timeout")
        {
            Description = "Seconds a TAP sync query may run before it is stopped with an error VOTable (async jobs have no limit and can be aborted).",
            DefaultValueFactory = _ => Web.Vo.VoEndpoints.DefaultSyncTimeLimit.TotalSeconds,
        };
        tapTimeout.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is not (> 0 and <= 86400))
            {
                r.AddError("--tap-timeout is more than 0 and at most 86400 (seconds).");
            }
        });
        var command = new Command("serve", "Serve the worktable web app (login, live row status, edit/run, uploads, comments, downloads, Send to TOPCAT).") { project, urls, uploadLimit, interval, tapTimeout };
        command.SetAction((parse, cancellationToken) =>
        {
            var seconds = parse.GetValue(interval);
            var path = ProjectOptions.Resolve(parse.GetValue(project)!);
            if (Directory.Exists(path))
            {
                path = Path.Combine(path, "project.stoa");
            }

            return TableCommands.RunAsync(parse, async p =>
            {
                await using var app = WebApp.Build(p, parse.GetValue(urls)!, parse.GetValue(uploadLimit) * (1L << 20), TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(parse.GetValue(tapTimeout)));
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                Console.WriteLine($"serving {p.Path} on {parse.GetValue(urls)} (Ctrl+C to stop)");
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }, path);
        });
        return command;
    }
}
