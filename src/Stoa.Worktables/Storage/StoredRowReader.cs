using System.Data.Common;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Storage;

/// <summary>
/// Reading rows back from either store: both select a row's columns in the same order (id, status, inputs, input
/// hash, …, error) and keep times as UTC ticks, so one reader over the provider-neutral <see cref="DbDataReader"/> serves both.
/// </summary>
internal static class StoredRowReader
{
    /// <summary>A row from the current record of <paramref name="r"/>, whose columns are in the stores' row order.</summary>
    public static RowRecord ReadRow(DbDataReader r) => new(
        r.GetInt64(0),
        (RowStatus)r.GetInt32(1),
        r.GetString(2),
        r.GetString(3),
        NullableString(r, 4),
        NullableString(r, 5),
        NullableString(r, 6),
        NullableString(r, 7),
        NullableString(r, 8),
        NullableString(r, 9),
        r.GetInt32(10),
        NullableString(r, 11),
        NullableString(r, 12),
        FromTicks(r, 13),
        FromTicks(r, 14),
        FromTicks(r, 15),
        NullableString(r, 16));

    public static DateTime? FromTicks(DbDataReader r, int i) => r.IsDBNull(i) ? null : new DateTime(r.GetInt64(i), DateTimeKind.Utc);

    public static string? NullableString(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    /// <summary>
    /// The needs-run index holds Failed rows too; when failures are not retried they are filtered out on top of the
    /// index predicate (SQLite uses a partial index only when the query repeats its WHERE clause).
    /// </summary>
    public static string FailedFilter(bool retryFailed) => retryFailed ? "" : $" AND status <> {(int)RowStatus.Failed}";
}
