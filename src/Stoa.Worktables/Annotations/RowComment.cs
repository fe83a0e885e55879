namespace Stoa.Worktables.Annotations;

/// <summary>A comment on a row. Comments are append-only: the list of a row's comments is its history.</summary>
/// <param name="CommentId">Unique in the project, increasing.</param>
/// <param name="RowId">The row.</param>
/// <param name="Author">The user who wrote it.</param>
/// <param name="Utc">When (UTC).</param>
/// <param name="Text">The comment.</param>
public sealed record RowComment(long CommentId, long RowId, string Author, DateTime Utc, string Text);
