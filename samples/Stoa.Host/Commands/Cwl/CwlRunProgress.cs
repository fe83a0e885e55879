using Spectre.Console;
using Stoa.Cwl;

namespace Stoa.Host.Commands.Cwl;

/// <summary>
/// The progress bar of <c>stoa cwl run</c> on a terminal: jobs finished of jobs seen so far (a scatter or a
/// conditional step makes the total known only as the run unfolds), failures, and the job that moved last. Drawn on
/// stderr, so stdout keeps exactly the output object, as cwltool's does.
/// </summary>
internal static class CwlRunProgress
{
    /// <summary>Runs <paramref name="run"/> while drawing the progress of <paramref name="engine"/>'s jobs.</summary>
    public static async Task<T> ShowAsync<T>(CwlEngine engine, Func<Task<T>> run)
    {
        // Spectre judges interactivity by stdout, which holds the output object (often redirected); stderr is the terminal.
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error), Interactive = InteractionSupport.Yes, Ansi = AnsiSupport.Yes });
        T result = default!;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("jobs: starting", maxValue: 1);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var done = new HashSet<string>(StringComparer.Ordinal);
                var failed = 0;
                var gate = new Lock();
                void OnJob(object? sender, CwlJobEvent e)
                {
                    lock (gate)
                    {
                        seen.Add(e.JobId);
                        if (e.State is CwlJobState.Finished or CwlJobState.Failed or CwlJobState.Skipped && done.Add(e.JobId) && e.State == CwlJobState.Failed)
                        {
                            failed++;
                        }

                        task.MaxValue = seen.Count;
                        task.Value = done.Count;
                        task.Description = $"jobs {done.Count}/{seen.Count}{(failed > 0 ? $", [red]{failed} failed[/]" : string.Empty)} · {Markup.Escape(e.Name)} {e.State.ToString().ToLowerInvariant()}";
                    }
                }

                engine.JobEvent += OnJob;
                try
                {
                    result = await run().ConfigureAwait(false);
                }
                finally
                {
                    engine.JobEvent -= OnJob;
                }
            }).ConfigureAwait(false);
        return result;
    }
}
