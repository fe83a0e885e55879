namespace Stoa.Worktables.Errors;

/// <summary>Which row an error is about: an existing row id, or the position of a row being imported.</summary>
internal readonly record struct RowReference(long? RowId, int? SourceRow, string? Source)
{
    public static RowReference Existing(long rowId) => new(rowId, null, null);

    public static RowReference New(int position, string source) => new(null, position, source);

    public override string ToString() => RowId is long id ? $"row {id}" : SourceRow is int n ? $"{Source} {n}" : Source ?? "row";
}
