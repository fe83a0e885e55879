using Stoa.Worktables.Tracking;

namespace Stoa.Worktables.Export;

/// <summary>
/// What the JSON table document (<see cref="Worktable.ExportJson"/>) holds besides the table,
/// its columns and each row's <c>inputs</c> and <c>outputs</c>. The default holds nothing more.
/// </summary>
public sealed record JsonExportOptions
{
    /// <summary>Everything: system fields, reasons and errors, indented; what <c>stoa table show --json</c> prints.</summary>
    public static JsonExportOptions All { get; } = new() { IncludeSystemFields = true, IncludeReasons = true, IncludeErrors = true, Indented = true };

    /// <summary>
    /// Write each row's hidden fields: <c>row_id</c>, <c>status</c>, <c>attempts</c>, <c>run_id</c>, <c>queued_utc</c>,
    /// <c>started_utc</c>, <c>finished_utc</c>, <c>input_hash</c>, <c>workflow_hash</c>, <c>output_hash</c>. Default: no.
    /// </summary>
    public bool IncludeSystemFields { get; init; }

    /// <summary>Write each row's <c>reasons</c>: why it is Pending or Stale (an array of sentences, empty when none). Default: no.</summary>
    public bool IncludeReasons { get; init; }

    /// <summary>Write each row's <c>error</c> (the failure message) and <c>log</c> (where its log is), null when none. Default: no.</summary>
    public bool IncludeErrors { get; init; }

    /// <summary>
    /// A check of the table's files made just before (<see cref="Worktable.CheckFiles"/>): when set, the document holds
    /// <c>pending_workflow_change</c>, the workflow change waiting for a rebind as text, or null. Default: none, no field.
    /// </summary>
    public FileCheckResult? FileCheck { get; init; }

    /// <summary>
    /// Write only these rows, in this order (the table part and <c>counts</c> stay whole); an id that is not a row
    /// throws as <see cref="Worktable.GetRow"/> does. Default: every row, in id order.
    /// </summary>
    public IReadOnlyList<long>? RowIds { get; init; }

    /// <summary>Indent the document for people. Default: no (one line).</summary>
    public bool Indented { get; init; }
}
