namespace Stoa.Cwl;

/// <summary>One located problem found while loading or validating a CWL document or input object.</summary>
/// <param name="Location">Where the problem is.</param>
/// <param name="FieldPath">The field path from the document root, e.g. <c>inputs.reads.type</c>.</param>
/// <param name="Message">What is wrong, in words.</param>
public sealed record CwlValidationError(SourceLocation Location, string FieldPath, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        FieldPath.Length > 0 ? $"{Location}: {FieldPath}: {Message}" : $"{Location}: {Message}";
}
