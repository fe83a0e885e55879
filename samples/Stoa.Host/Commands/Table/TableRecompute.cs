using System.Globalization;
using Spectre.Console;
using Stoa.Worktables;
using Stoa.Worktables.Execution;
using Stoa.Worktables.Model;

namespace Stoa.Host.Commands.Table;

/// <summary>
/// Runs a recompute on the project's executor (<see cref="WorktableProject.Executor"/>), with a Spectre progress bar
/// when asked. What ran (the table, each row started and how it ended) is the library's <see cref="RecomputeResult"/>.
/// </summary>
internal static class TableRecompute
{
    /// <summary>Recomputes <paramref name="table"/> through its handle (the acting user's role applies).</summary>
    public static async Task<RecomputeResult> RunAsync(
        IWorktable table, int parallelism, bool retryFailed, bool showProgress, CancellationToken cancellationToken, IProgress<RecomputeProgress>? also = null, TimeSpan? lease = null)
    {
        if (!showProgress)
        {
            return await table.RecomputeAsync(Options(parallelism, retryFailed, also, lease), cancellationToken).ConfigureAwait(false);
        }

        RecomputeResult? result = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"{table.Name}: planning", maxValue: 1);
                var relay = new Relay(p =>
                {
                    also?.Report(p);
                    task.MaxValue = Math.Max(1, p.Planned);
                    task.Value = p.Finished;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"{p.Table}: row {p.RowId} {p.Status} ({p.Finished}/{p.Planned})");
                });
                result = await table.RecomputeAsync(Options(parallelism, retryFailed, relay, lease), cancellationToken).ConfigureAwait(false);
                task.Description = $"{table.Name}: done";
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return result!;
    }

    /// <summary>
    /// <see cref="WorktableProject.RecomputeAllAsync(RecomputeOptions?, CancellationToken)"/>: every table in dependency
    /// order, links propagated before each child runs; the results come parents first.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, RecomputeResult>> RunAllAsync(
        WorktableProject project, int parallelism, bool retryFailed, bool showProgress, CancellationToken cancellationToken, TimeSpan? lease = null)
    {
        if (!showProgress)
        {
            return await project.RecomputeAllAsync(Options(parallelism, retryFailed, null, lease), cancellationToken).ConfigureAwait(false);
        }

        IReadOnlyDictionary<string, RecomputeResult>? results = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("all tables: planning", maxValue: 1);
                var finished = 0L;
                var relay = new Relay(p =>
                {
                    if (p.Status != RowStatus.Running)
                    {
                        Interlocked.Increment(ref finished);
                    }

                    task.Description = string.Create(CultureInfo.InvariantCulture, $"{p.Table}: row {p.RowId} {p.Status} ({Interlocked.Read(ref finished)} rows done)");
                });
                results = await project.RecomputeAllAsync(Options(parallelism, retryFailed, relay, lease), cancellationToken).ConfigureAwait(false);
                task.Description = "all tables: done";
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return results!;
    }

    private static RecomputeOptions Options(int parallelism, bool retryFailed, IProgress<RecomputeProgress>? progress, TimeSpan? lease) =>
        new() { MaxParallelism = Math.Max(1, parallelism), RetryFailed = retryFailed, Progress = progress, LeaseDuration = lease ?? new RecomputeOptions().LeaseDuration };

    /// <summary>Reports synchronously on the engine's thread (Progress&lt;T&gt; would post to a sync context and reorder).</summary>
    private sealed class Relay(Action<RecomputeProgress> report) : IProgress<RecomputeProgress>
    {
        public void Report(RecomputeProgress value) => report(value);
    }
}
