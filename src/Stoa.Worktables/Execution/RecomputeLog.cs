using Microsoft.Extensions.Logging;

namespace Stoa.Worktables.Execution;

/// <summary>What a recompute writes to the project's logger (<see cref="WorktableProjectOptions.LoggerFactory"/>), one event id each.</summary>
internal static partial class RecomputeLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "table {Table}: recompute planned {Planned} row(s)")]
    public static partial void Planned(ILogger logger, string table, long planned);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "table {Table}: row {RowId} {Status}")]
    public static partial void RowEnded(ILogger logger, string table, long rowId, Model.RowStatus status);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "table {Table}: row {RowId} failed: {Error}")]
    public static partial void RowFailed(ILogger logger, string table, long rowId, string error);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "table {Table}: recompute done: {Planned} planned, {Succeeded} succeeded, {Failed} failed, {Superseded} superseded")]
    public static partial void Done(ILogger logger, string table, long planned, long succeeded, long failed, long superseded);
}
