using System.Collections.Concurrent;
using System.Globalization;
using Spectre.Console;
using Stoa.Worktables;
using Stoa.Worktables.Cwl;
using Stoa.Worktables.Execution;
using Stoa.Worktables.Model;

namespace Stoa.Host.Commands.Table;

/// <summary>Runs <see cref="Worktable.RecomputeAsync"/> on the CWL executor, with a Spectre progress bar when asked.</summary>
internal static class TableRecompute
{
    /// <summary>Recomputes <paramref name="table"/>; returns the result and the ids of the rows that started a run, in order.</summary>
    public static Task<(RecomputeResult Result, IReadOnlyList<long> Ran)> RunAsync(
        Worktable table, int parallelism, bool retryFailed, bool showProgress, CancellationToken cancellationToken, IProgress<RecomputeProgress>? also = null) =>
        RunAsync(table.Name, table.RecomputeAsync, parallelism, retryFailed, showProgress, cancellationToken, also);

    /// <summary>As above, through <paramref name="recompute"/> (e.g. a user's <see cref="Stoa.Worktables.Access.UserWorktable.RecomputeAsync"/>, which checks the role).</summary>
    public static async Task<(RecomputeResult Result, IReadOnlyList<long> Ran)> RunAsync(
        string name,
        Func<IRowExecutor, RecomputeOptions?, CancellationToken, Task<RecomputeResult>> recompute,
        int parallelism,
        bool retryFailed,
        bool showProgress,
        CancellationToken cancellationToken,
        IProgress<RecomputeProgress>? also = null)
    {
        var ran = new ConcurrentQueue<long>();
        var executor = new CwlRowExecutor();
        RecomputeResult? result = null;
        if (!showProgress)
        {
            result = await recompute(executor, Options(parallelism, retryFailed, new Relay(p => Track(p, ran, also))), cancellationToken).ConfigureAwait(false);
            return (result, [.. ran]);
        }

        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask($"{name}: planning", maxValue: 1);
                var relay = new Relay(p =>
                {
                    Track(p, ran, also);
                    task.MaxValue = Math.Max(1, p.Planned);
                    task.Value = p.Finished;
                    task.Description = string.Create(CultureInfo.InvariantCulture, $"{name}: row {p.RowId} {p.Status} ({p.Finished}/{p.Planned})");
                });
                result = await recompute(executor, Options(parallelism, retryFailed, relay), cancellationToken).ConfigureAwait(false);
                task.Description = $"{name}: done";
                task.Value = task.MaxValue;
            }).ConfigureAwait(false);
        return (result!, [.. ran]);
    }

    private static RecomputeOptions Options(int parallelism, bool retryFailed, IProgress<RecomputeProgress> progress) =>
        new() { MaxParallelism = Math.Max(1, parallelism), RetryFailed = retryFailed, Progress = progress };

    private static void Track(RecomputeProgress p, ConcurrentQueue<long> ran, IProgress<RecomputeProgress>? also)
    {
        if (p.Status == RowStatus.Running)
        {
            ran.Enqueue(p.RowId);
        }

        also?.Report(p);
    }

    /// <summary>Reports synchronously on the engine's thread (Progress&lt;T&gt; would post to a sync context and reorder).</summary>
    private sealed class Relay(Action<RecomputeProgress> report) : IProgress<RecomputeProgress>
    {
        public void Report(RecomputeProgress value) => report(value);
    }
}
