namespace Stoa.Worktables.Vo.Scs;

/// <summary>What a <see cref="SimpleConeSearch"/> answer wrote: a result or an error document.</summary>
/// <param name="Rows">How many rows matched (0 for an error document).</param>
/// <param name="Error">The error the document reports, or null for a result.</param>
public sealed record ConeSearchAnswer(int Rows, string? Error);
