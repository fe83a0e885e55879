using System.Text.Json.Nodes;
using System.Threading.Channels;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Hashing;
using Stoa.Worktables.Model;
using Stoa.Worktables.Storage;
using Stoa.Worktables.Values;

namespace Stoa.Worktables.Execution;

/// <summary>
/// One recompute of one table, safe beside other recomputes of the same table in this or other processes. It
/// opens a batch with a lease (holder host:pid, expiry) and renews it every third of
/// <see cref="RecomputeOptions.LeaseDuration"/> while it runs. It claims rows needing a run a few at a time
/// (moving them to Queued under its batch, through the store's needs-run index), so two recomputes split the rows
/// between them and memory does not grow with the table; a claim first returns the rows of expired leases (a dead
/// holder's) to Pending. Each worker: Queued → Running (new run record, attempt counted), execute, store output
/// files by content, then one transaction writes outputs and Succeeded — only if the row is still running this run
/// for the same identity. An edit during the run has already sent the row back to Pending, and the result is dropped.
/// </summary>
internal sealed class RecomputeEngine(Worktable table, IRowExecutor executor, RecomputeOptions options)
{
    private long _finished;
    private long _succeeded;
    private long _failed;
    private long _superseded;
    private long _planned;
    private long _claimed;

    /// <summary>Names the process holding a batch's lease, for whoever looks at the batches table.</summary>
    private static string Holder => $"{Environment.MachineName}:{Environment.ProcessId}";

    // The rows that started, in start order, with their latest status: the result's RecomputeResult.Rows.
    private readonly List<long> _started = [];
    private readonly Dictionary<long, RowStatus> _ended = [];

    public async Task<RecomputeResult> RunAsync(CancellationToken cancellationToken)
    {
        var store = table.Store;
        var lease = options.LeaseDuration > TimeSpan.Zero ? options.LeaseDuration : new RecomputeOptions().LeaseDuration;
        var batch = store.NewBatchId(Holder, DateTime.UtcNow + lease);
        using var stopRenewal = new CancellationTokenSource();
        var renewal = RenewAsync(batch, lease, stopRenewal.Token);
        try
        {
            return await RunBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stopRenewal.CancelAsync().ConfigureAwait(false);
            await renewal.ConfigureAwait(false);
            store.ReleaseLease(batch);
        }
    }

    private async Task<RecomputeResult> RunBatchAsync(long batch, CancellationToken cancellationToken)
    {
        var store = table.Store;
        var parallelism = Math.Max(1, options.MaxParallelism);

        // What needed a run at the start, for progress; rows added meanwhile, or taken by another recompute of the
        // table, make the final count differ (the result reports the rows this recompute claimed).
        _planned = store.CountNeedingRun(table.TableId, options.RetryFailed);
        RecomputeLog.Planned(table.Project.Logger, table.Name, _planned);
        var queue = Channel.CreateBounded<long>(new BoundedChannelOptions(parallelism) { SingleWriter = true });

        var producer = Task.Run(async () =>
        {
            try
            {
                // Claims no more than the workers can start soon: rows claimed but not started are held from other
                // recomputes until this one gets to them.
                var after = 0L;
                while (!cancellationToken.IsCancellationRequested)
                {
                    var claimed = store.ClaimRows(table.TableId, batch, options.RetryFailed, after, parallelism, DateTime.UtcNow);
                    if (claimed.Count == 0)
                    {
                        break;
                    }

                    after = claimed[^1];
                    var claimedSoFar = Interlocked.Add(ref _claimed, claimed.Count);
                    if (claimedSoFar > Interlocked.Read(ref _planned))
                    {
                        Interlocked.Exchange(ref _planned, claimedSoFar);
                    }
                    foreach (var id in claimed)
                    {
                        await queue.Writer.WriteAsync(id, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Rows not handed out stay Queued and are cancelled below.
            }
            finally
            {
                queue.Writer.Complete();
            }
        }, CancellationToken.None);

        var workers = Enumerable.Range(0, parallelism).Select(_ => Task.Run(async () =>
        {
            await foreach (var rowId in queue.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    continue;
                }

                await RunRowAsync(batch, rowId, cancellationToken).ConfigureAwait(false);
            }
        }, CancellationToken.None)).ToList();

        await producer.ConfigureAwait(false);
        await Task.WhenAll(workers).ConfigureAwait(false);

        if (cancellationToken.IsCancellationRequested)
        {
            store.CancelQueued(table.TableId, batch, DateTime.UtcNow);
            cancellationToken.ThrowIfCancellationRequested();
        }

        RecomputeLog.Done(table.Project.Logger, table.Name, _claimed, _succeeded, _failed, _superseded);
        lock (_started)
        {
            return new RecomputeResult(_claimed, _succeeded, _failed, _superseded)
            {
                Table = table.Name,
                Rows = [.. _started.Select(id => new RecomputedRow(id, _ended.GetValueOrDefault(id, RowStatus.Running)))],
            };
        }
    }

    /// <summary>
    /// Renews the lease every third of its length until stopped. A renewal after the lease ran out (this process
    /// stalled longer than the lease) takes nothing back: rows another recompute recovered meanwhile are its own,
    /// and this one's results for them are dropped as superseded.
    /// </summary>
    private async Task RenewAsync(long batch, TimeSpan lease, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(lease / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                try
                {
                    table.Store.RenewLease(batch, DateTime.UtcNow + lease);
                }
                catch (ProjectInUseException)
                {
                    // The write lock stayed busy; the next tick tries again.
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The recompute is over.
        }
    }

    private async Task RunRowAsync(long batch, long rowId, CancellationToken cancellationToken)
    {
        var store = table.Store;
        var runId = Guid.NewGuid().ToString("N");
        var ticket = store.TryStart(table.TableId, rowId, batch, runId, DateTime.UtcNow);
        if (ticket is null)
        {
            Interlocked.Increment(ref _superseded);
            Report(rowId, RowStatus.Pending, Interlocked.Increment(ref _finished));
            return;
        }

        Report(rowId, RowStatus.Running, Interlocked.Read(ref _finished));

        // The version the run is recorded under is the one that runs: the project's kept copy of it, not the
        // files on disk, which may have been edited since the table was checked.
        var workflow = table.Workflow;
        if (workflow.Hash == ticket.WorkflowHash && table.Project.KeptDocument(ticket.WorkflowHash) is { } kept)
        {
            workflow = workflow.At(kept);
        }

        var job = JobFolder.Create(table.Project.WorkDirectory, runId);
        var workDir = job.Path;
        RunState state;
        try
        {
            var execution = new RowExecution(rowId, runId, ticket.Attempt, CanonicalJson.ReadCells(ticket.InputsJson), workDir, Path.Combine(table.Project.LogDirectory, runId), workflow)
            {
                LoggerFactory = table.Project.LoggerFactory,
            };
            RunResult result;
            try
            {
                if (UnreadableInput(execution.Inputs) is { } problem)
                {
                    // Never run on a file that is gone or changed: the row fails with why, its earlier outputs kept.
                    result = new RunResult(false, null, null, problem, null);
                }
                else
                {
                    var outcome = await executor.ExecuteAsync(execution, cancellationToken).ConfigureAwait(false);
                    result = outcome.Succeeded ? StoreOutputs(rowId, outcome) : new RunResult(false, null, null, outcome.Error, outcome.LogLocation);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                state = store.Cancel(ticket, DateTime.UtcNow);
                Report(rowId, state == RunState.Cancelled ? RowStatus.Cancelled : RowStatus.Pending, Interlocked.Increment(ref _finished));
                return;
            }
#pragma warning disable CA1031 // Any failure of user code or of the workflow engine is the row's failure, recorded with its message.
            catch (Exception e)
#pragma warning restore CA1031
            {
                result = new RunResult(false, null, null, $"{e.GetType().Name}: {e.Message}", null);
            }

            state = store.Finish(ticket, result, DateTime.UtcNow);
            if (state == RunState.Failed)
            {
                RecomputeLog.RowFailed(table.Project.Logger, table.Name, rowId, result.Error ?? "(no message)");
            }
        }
        finally
        {
            job.Dispose();
        }

        var status = state switch
        {
            RunState.Succeeded => RowStatus.Succeeded,
            RunState.Failed => RowStatus.Failed,
            _ => RowStatus.Pending,
        };
        _ = state switch
        {
            RunState.Succeeded => Interlocked.Increment(ref _succeeded),
            RunState.Failed => Interlocked.Increment(ref _failed),
            _ => Interlocked.Increment(ref _superseded),
        };
        Report(rowId, status, Interlocked.Increment(ref _finished));
    }

    /// <summary>Checks each output against its column type and copies its files into the output store.</summary>
    private RunResult StoreOutputs(long rowId, RowExecutionResult outcome)
    {
        var cells = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var where = RowReference.Existing(rowId);
        try
        {
            foreach (var (name, _) in outcome.Outputs)
            {
                if (!table.Workflow.Outputs.Any(c => c.Name == name))
                {
                    throw new UnknownColumnException(where, name, null, "the executor returned an output the workflow does not declare.");
                }
            }

            foreach (var col in table.Workflow.Outputs)
            {
                outcome.Outputs.TryGetValue(col.Name, out var value);
                var v = table.OutputConverter.FromObject(value, col.Type, new CellContext(where, col.Name, Environment.CurrentDirectory));
                if (v is not null)
                {
                    cells[col.Name] = v;
                }
            }
        }
        catch (CellException e)
        {
            return new RunResult(false, null, null, "invalid output: " + e.Message, outcome.LogLocation);
        }

        return new RunResult(true, CanonicalJson.WriteCells(cells), RowIdentity.OutputHash(cells), null, outcome.LogLocation);
    }

    /// <summary>The first input file of the row that is missing, not a regular file, or no longer has the content its identity covers.</summary>
    private string? UnreadableInput(IReadOnlyDictionary<string, JsonNode?> inputs)
    {
        var cells = inputs.ToDictionary(p => p.Key, p => p.Value?.DeepClone(), StringComparer.Ordinal);
        var before = CanonicalJson.WriteCells(cells);
        var notes = new List<string>();
        foreach (var file in Tracking.RowFiles.Track(cells, table.Project.Hasher, notes))
        {
            if (file.Fingerprint == Tracking.RowFiles.MissingFingerprint)
            {
                var column = Tracking.RowFiles.ColumnOf(inputs, file.Path);
                return $"input {column}: {file.Path} is missing, unreadable or not a regular file; the row keeps its earlier outputs.";
            }
        }

        return CanonicalJson.WriteCells(cells) == before ? null : $"{string.Join("; ", notes)} since the row was queued; run it again.";
    }

    private void Report(long rowId, RowStatus status, long finished)
    {
        lock (_started)
        {
            if (status == RowStatus.Running)
            {
                _started.Add(rowId);
                _ended[rowId] = status;
            }
            else if (_ended.ContainsKey(rowId))
            {
                _ended[rowId] = status;
            }
        }

        if (status != RowStatus.Running)
        {
            RecomputeLog.RowEnded(table.Project.Logger, table.Name, rowId, status);
        }

        options.Progress?.Report(new RecomputeProgress(rowId, status, finished, Interlocked.Read(ref _planned)) { Table = table.Name });
    }
}
