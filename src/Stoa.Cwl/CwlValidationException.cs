namespace Stoa.Cwl;

/// <summary>
/// Thrown when a CWL document or input object is invalid. Every load or validation failure is reported through
/// this one type, carrying every problem found with its file, line, column and field path.
/// </summary>
public sealed class CwlValidationException : Exception
{
    /// <summary>Creates the exception from a non-empty list of located errors.</summary>
    /// <param name="errors">The problems found; at least one.</param>
    public CwlValidationException(IReadOnlyList<CwlValidationError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception from a single located error.</summary>
    /// <param name="error">The problem found.</param>
    public CwlValidationException(CwlValidationError error)
        : this([error])
    {
    }

    /// <summary>Every problem found, in document order where known.</summary>
    public IReadOnlyList<CwlValidationError> Errors { get; }

    private static string Describe(IReadOnlyList<CwlValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 1
            ? errors[0].ToString()
            : $"{errors.Count} errors:{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
    }
}
