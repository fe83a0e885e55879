using Stoa.Worktables.Model;

namespace Stoa.Worktables.Storage;

/// <summary>
/// Everything a worktable needs from durable storage, in domain terms: no SQL, no connections, no provider
/// types. Every method is atomic. SQLite (<see cref="Sqlite.SqliteWorktableStore"/>) and PostgreSQL (<see cref="Postgres.PostgresWorktableStore"/>) implement it with the same semantics, checked by the same test suites.
/// Single-row status changes are checked against <see cref="Status.RowStatusMachine"/>; bulk changes only
/// select rows whose move is legal.
/// </summary>
internal interface IWorktableStore : IDisposable
{
    IReadOnlyList<string> TableNames();

    TableRecord? FindTable(string name);

    /// <exception cref="Errors.WorktableException">A table of that name exists.</exception>
    TableRecord CreateTable(string name, string definitionJson, string workflowHash, IReadOnlyList<string> keyColumns, string templateJson, IReadOnlyList<TrackedFile> workflowFiles);

    /// <summary>
    /// Creates the table with its rows (Pending, or Succeeded with a run recording that the result was imported),
    /// links and owner grant, in one transaction.
    /// </summary>
    /// <exception cref="Errors.WorktableException">A table of that name exists.</exception>
    /// <exception cref="DuplicateKeyViolation">Two rows share a key.</exception>
    TableRecord ImportTable(ImportedTable table, DateTime nowUtc);

    void SetTemplate(long tableId, string templateJson);

    /// <summary>Replaces the stored definition without changing the workflow hash (metadata edits).</summary>
    void SetDefinition(long tableId, string definitionJson);

    /// <summary>Binds the table to another workflow version and re-derives every row's status.</summary>
    /// <remarks>Rows made Stale, or already needing a run, get <paramref name="reason"/>; the workflow's tracked files are replaced.</remarks>
    WorkflowChangeCounts ChangeWorkflow(long tableId, string definitionJson, string workflowHash, string reason, IReadOnlyList<TrackedFile> workflowFiles);

    /// <summary>The files of one role the table tracks, with the fingerprint and digest they had when last read.</summary>
    IReadOnlyList<TrackedFile> TrackedFiles(long tableId, TrackedRole role);

    /// <summary>Records new fingerprints and digests of tracked files after a check.</summary>
    void UpdateTracked(long tableId, TrackedRole role, IReadOnlyList<TrackedFile> files);

    /// <summary>The rows whose inputs name <paramref name="path"/>, in id order.</summary>
    IReadOnlyList<long> RowsUsingFile(long tableId, string path);

    /// <summary>Succeeded rows among <paramref name="rowIds"/> → Stale with <paramref name="reason"/> (rows already needing a run get the reason too); returns the rows made Stale.</summary>
    IReadOnlyList<long> MarkStale(long tableId, IReadOnlyCollection<long> rowIds, string reason);

    /// <summary>
    /// Removes <paramref name="reasons"/> that no longer hold from the rows; a Stale row left with no reason whose
    /// outputs were made from its current inputs by the table's workflow, with all its input files present, is
    /// Succeeded again. Returns the rows made Succeeded.
    /// </summary>
    IReadOnlyList<long> ClearReasons(long tableId, IReadOnlyCollection<long> rowIds, IReadOnlyCollection<string> reasons);

    /// <summary>Keeps a workflow version's manifest (its files by relative path and digest); a known hash is left as it is.</summary>
    void SaveWorkflowVersion(string hash, string manifestJson);

    /// <summary>
    /// The sky index of the table over the two columns (degrees), made from the rows when it is first asked for
    /// and kept true by the store on every later write of a row; null when the columns cannot be indexed.
    /// </summary>
    long? EnsureSkyIndex(long tableId, string raColumn, string decColumn);

    /// <summary>
    /// The rows of sky index <paramref name="indexId"/> in <paramref name="ranges"/> (from <see cref="Search.SkyZones.Ranges"/>
    /// of the cone) or in the odd zone, in id order: every row within <paramref name="radius"/> degrees of
    /// (<paramref name="ra"/>, <paramref name="dec"/>) and a few more, for the caller's exact test.
    /// </summary>
    IEnumerable<RowRecord> SkyCandidates(long indexId, double ra, double dec, double radius, IReadOnlyList<(int Zone, double From, double To)> ranges);

    /// <summary>The manifest of a kept workflow version, or null.</summary>
    string? FindWorkflowVersion(string hash);

    /// <summary>Inserts all rows or none; returns their ids in order.</summary>
    /// <exception cref="DuplicateKeyViolation">A key is already used (by the table or earlier in the batch).</exception>
    IReadOnlyList<long> InsertRows(long tableId, IEnumerable<RowInputs> rows);

    RowRecord? GetRow(long tableId, long rowId);

    long? FindRowByKey(long tableId, string keyText);

    /// <summary>Every row of the table in id order, streamed.</summary>
    IEnumerable<RowRecord> ScanRows(long tableId);

    /// <summary>Replaces a row's inputs and derives its new status; returns it.</summary>
    /// <exception cref="DuplicateKeyViolation">The new key is used by another row.</exception>
    RowStatus UpdateInputs(long tableId, long rowId, RowInputs inputs);

    /// <summary>
    /// Edits many rows in one transaction, all or none. For each edit in order: <paramref name="locate"/> names the
    /// row (by id or key), the store reads it inside the transaction and <paramref name="apply"/> gets the 0-based
    /// position of the edit, the edit and the row as stored (null when there is no such row: apply throws the
    /// caller's error); the inputs it returns are stored and the status is derived exactly as
    /// <see cref="UpdateInputs"/> does. Returns the statuses, in order. Any exception rolls everything back.
    /// </summary>
    /// <exception cref="DuplicateKeyViolation">A new key is used by another row; <see cref="DuplicateKeyViolation.BatchIndex"/> is the edit's position.</exception>
    /// <exception cref="KeyNotFoundException">No such row and <paramref name="apply"/> returned anyway.</exception>
    IReadOnlyList<RowStatus> UpdateInputsBatch<TEdit>(long tableId, IEnumerable<TEdit> edits, Func<TEdit, RowTarget> locate, Func<int, TEdit, RowRecord?, RowInputs> apply);

    /// <summary>Deletes the row and its run history.</summary>
    bool DeleteRow(long tableId, long rowId);

    IReadOnlyDictionary<RowStatus, long> CountByStatus(long tableId);

    /// <summary>Up to <paramref name="limit"/> ids of rows a recompute would run, read from an index of those rows only.</summary>
    IReadOnlyList<long> RowsNeedingRun(long tableId, bool retryFailed, int limit);

    /// <summary>A new recompute batch held by <paramref name="holder"/> (host:pid) with a lease until <paramref name="leaseUntilUtc"/>.</summary>
    long NewBatchId(string holder, DateTime leaseUntilUtc);

    /// <summary>Extends the batch's lease. Rows another recompute recovered after it ran out stay that recompute's.</summary>
    void RenewLease(long batchId, DateTime leaseUntilUtc);

    /// <summary>Ends the batch's lease (the recompute is over).</summary>
    void ReleaseLease(long batchId);

    /// <summary>How many rows a recompute would run now, counted on the needs-run index.</summary>
    long CountNeedingRun(long tableId, bool retryFailed);

    /// <summary>
    /// First returns the rows of expired leases but <paramref name="batchId"/>'s own to Pending (the caller is alive
    /// even if it stalled past its lease; see <see cref="RecoverInterrupted"/>), then moves up to
    /// <paramref name="limit"/> rows needing a run with ids above <paramref name="afterRowId"/>, lowest first, to
    /// Queued under <paramref name="batchId"/>; returns their ids. Two batches never claim the same row; a batch
    /// moving up through the ids never claims a row twice (one that failed or was edited during the batch waits for
    /// the next recompute).
    /// </summary>
    IReadOnlyList<long> ClaimRows(long tableId, long batchId, bool retryFailed, long afterRowId, int limit, DateTime nowUtc);

    /// <summary>Queued → Running with a new run record and the attempt counted; null when the row left the batch.</summary>
    RunTicket? TryStart(long tableId, long rowId, long batchId, string runId, DateTime nowUtc);

    /// <summary>Records how a run ended. Writes outputs only when the row is still running this run for the same identity.</summary>
    RunState Finish(RunTicket ticket, RunResult result, DateTime nowUtc);

    /// <summary>Running → Cancelled for this run; nothing of the run is written.</summary>
    RunState Cancel(RunTicket ticket, DateTime nowUtc);

    /// <summary>Queued → Cancelled for rows of the batch that never started.</summary>
    long CancelQueued(long tableId, long batchId, DateTime nowUtc);

    /// <summary>Queued/Running rows of batches whose lease has run out back to Pending, their open runs marked interrupted.</summary>
    RecoveryCounts RecoverInterrupted(DateTime nowUtc);

    IReadOnlyList<RunRecord> Runs(long tableId, long rowId);

    /// <summary>Opens a feed of the row changes committed from now on, by this process or any other.</summary>
    IChangeFeed OpenChangeFeed();
}

/// <summary>Which row an edit is for: its id, or its key text (<see cref="RowInputs.KeyText"/>) when the key is not null.</summary>
internal readonly record struct RowTarget(long RowId, string? KeyText)
{
    public static RowTarget ById(long rowId) => new(rowId, null);

    public static RowTarget ByKey(string keyText) => new(0, keyText);

    public override string ToString() => KeyText ?? RowId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A key already in use; <see cref="BatchIndex"/> is the 0-based position in the inserted batch.</summary>
internal sealed class DuplicateKeyViolation(int batchIndex, string keyText) : Exception($"duplicate key {keyText}")
{
    public int BatchIndex { get; } = batchIndex;

    public string KeyText { get; } = keyText;
}
