using System.Collections.Concurrent;
using System.Globalization;
using Spectre.Console;
using Stoa.Cwl;
using Stoa.Worktables;
using Stoa.Worktables.Cwl;
using Stoa.Worktables.Execution;
using Stoa.Worktables.Model;

namespace Stoa.Host.Commands.Table;

/// <summary>Runs <see cref="Worktable.RecomputeAsync(IRowExecutor, RecomputeOptions?, CancellationToken)"/> on the CWL executor, with a Spectre progress bar when asked.</summary>
internal static class TableRecompute
{
    /// <summary>Recomputes <paramref name="table"/>; returns the result and the ids of the rows that started a run, in order.</summary>
    public static Task<(RecomputeResult Result, IReadOnlyList<long> Ran)> RunAsync(
        Worktable table, int parallelism, bool retryFailed, bool showProgress, CancellationToken cancellationToken, IProgress<RecomputeProgress>? also = null, ICwlExecutionBackend? backend = null) =>
        RunAsync(table.Name, table.RecomputeAsync, parallelism, retryFailed, showProgress, cancellationToken, also, backend);

    /// <summary>
    /// <see cref="WorktableProject.RecomputeAllAsync(Func{Worktable, IRowExecutor}, RecomputeOptions?, CancellationToken)"/>: every table in dependency order, links propagated before
    /// each child runs. Returns each table's result and the ids of its rows that started a run, in order.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, (RecomputeResult Result, IReadOnlyList<long> Ran)>> RunAllAsync(
        WorktableProject project, int parallelism, bool retryFailed, bool showProgress, CancellationToken cancellationToken, ICwlExecutionBackend? backend = null)
    {
        var executor = new CwlRowExecutor(backend: backend);
        var ran = new ConcurrentDictionary<string, ConcurrentQueue<long>>(StringComparer.Ordinal);
        var order = new ConcurrentQueue<string>();

        // RecomputeProgress does not name the table, so each table's executor notes the rows it is handed; the
        // executors are asked for level by level, which gives the dependency order to report the tables in.
        IRowExecutor For(Worktable t)
        {
            order.Enqueue(t.Name);
            return new Noting(executor, ran.GetOrAdd(t.Name, _ => new ConcurrentQueue<long>()));
        }

        IReadOnlyDictionary<string, RecomputeResult>? results = null;
        if (!showProgress)
        {
            results = await project.RecomputeAllAsync(For, Options(parallelism, retryFailed, new Relay(_ => { })), cancellationToken).ConfigureAwait(false);
        }
        else
        {
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

                        task.Description = string.Create(CultureInfo.InvariantCulture, $"all tables: row {p.RowId} {p.Status} ({Interlocked.Read(ref finished)} rows done)");
                    });
                    results = await project.RecomputeAllAsync(For, Options(parallelism, retryFailed, relay), cancellationToken).ConfigureAwait(false);
                    task.Description = "all tables: done";
                    task.Value = task.MaxValue;
                }).ConfigureAwait(false);
        }

        var ordered = new OrderedDictionary<string, (RecomputeResult, IReadOnlyList<long>)>(StringComparer.Ordinal);
        foreach (var table in order.Concat(results!.Keys).Distinct(StringComparer.Ordinal))
        {
            ordered[table] = (results![table], [.. ran.GetValueOrDefault(table) ?? []]);
        }

        return ordered;
    }

    /// <summary>As above, through <paramref name="recompute"/> (e.g. a user's <see cref="Stoa.Worktables.Access.UserWorktable.RecomputeAsync"/>, which checks the role).</summary>
    public static async Task<(RecomputeResult Result, IReadOnlyList<long> Ran)> RunAsync(
        string name,
        Func<IRowExecutor, RecomputeOptions?, CancellationToken, Task<RecomputeResult>> recompute,
        int parallelism,
        bool retryFailed,
        bool showProgress,
        CancellationToken cancellationToken,
        IProgress<RecomputeProgress>? also = null,
        ICwlExecutionBackend? backend = null)
    {
        var ran = new ConcurrentQueue<long>();
        var executor = new CwlRowExecutor(backend: backend);
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

    /// <summary>Passes rows to the shared executor, noting each row id it is handed (one per table).</summary>
    private sealed class Noting(IRowExecutor inner, ConcurrentQueue<long> ran) : IRowExecutor
    {
        public Task<RowExecutionResult> ExecuteAsync(RowExecution execution, CancellationToken cancellationToken)
        {
            ran.Enqueue(execution.RowId);
            return inner.ExecuteAsync(execution, cancellationToken);
        }
    }

    /// <summary>Reports synchronously on the engine's thread (Progress&lt;T&gt; would post to a sync context and reorder).</summary>
    private sealed class Relay(Action<RecomputeProgress> report) : IProgress<RecomputeProgress>
    {
        public void Report(RecomputeProgress value) => report(value);
    }
}
