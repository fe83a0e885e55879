namespace Stoa.Worktables.Annotations;

/// <summary>One event in a row's flag history: a label set or cleared by a user.</summary>
/// <param name="RowId">The row.</param>
/// <param name="Label">The flag, e.g. <c>suspect</c>, <c>good</c> or any free label.</param>
/// <param name="IsSet"><see langword="true"/> when the flag was set, <see langword="false"/> when cleared.</param>
/// <param name="Author">The user who set or cleared it.</param>
/// <param name="Utc">When (UTC).</param>
public sealed record RowFlag(long RowId, string Label, bool IsSet, string Author, DateTime Utc);
