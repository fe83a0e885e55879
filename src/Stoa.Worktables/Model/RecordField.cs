namespace Stoa.Worktables.Model;

/// <summary>One named field of a CWL record column type.</summary>
/// <param name="Name">The field name.</param>
/// <param name="Type">The field type.</param>
public sealed record RecordField(string Name, ColumnType Type);
