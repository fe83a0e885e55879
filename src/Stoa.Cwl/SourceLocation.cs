namespace Stoa.Cwl;

/// <summary>A place in a CWL source file: the file and a 1-based line and column.</summary>
/// <param name="File">The file path or URI the text came from.</param>
/// <param name="Line">1-based line; 0 when unknown.</param>
/// <param name="Column">1-based column; 0 when unknown.</param>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
