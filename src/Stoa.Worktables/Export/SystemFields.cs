using System.Globalization;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Export;

/// <summary>The hidden per-row fields, as every export writes them when asked: names and text values.</summary>
internal static class SystemFields
{
    public static readonly string[] Names =
        ["row_id", "status", "input_hash", "workflow_hash", "output_hash", "queued_utc", "started_utc", "finished_utc", "attempts", "error", "run_id"];

    public static string?[] Values(WorktableRow r) =>
    [
        r.RowId.ToString(CultureInfo.InvariantCulture), r.Status.ToString(), r.InputHash, r.WorkflowHash, r.OutputHash,
        Time(r.QueuedUtc), Time(r.StartedUtc), Time(r.FinishedUtc), r.Attempts.ToString(CultureInfo.InvariantCulture), r.Error, r.RunId,
    ];

    private static string? Time(DateTime? t) => t?.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);
}
