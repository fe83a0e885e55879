namespace Stoa.Provenance;

/// <summary>A record breaks a rule every serialisation relies on (undeclared prefix, missing required term, xsd:float, time without zone).</summary>
public sealed class ProvValidationException : Exception
{
    /// <summary>Creates the exception from the issues found.</summary>
    public ProvValidationException(IReadOnlyList<ProvValidationIssue> issues)
        : base(issues.Count == 0 ? "Invalid PROV." : string.Join(Environment.NewLine, issues.Select(i => i.ToString())))
    {
        Issues = issues;
    }

    /// <summary>Creates the exception with a message.</summary>
    public ProvValidationException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ProvValidationException(string message)
        : base(message)
    {
        Issues = [];
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ProvValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Issues = [];
    }

    /// <summary>Every issue found.</summary>
    public IReadOnlyList<ProvValidationIssue> Issues { get; }
}

/// <summary>One problem found by <see cref="ProvValidator"/>.</summary>
/// <param name="Record">Where: the record's PROV-N keyword and identifier, e.g. <c>entity(ex:e1)</c>.</param>
/// <param name="Message">What is wrong.</param>
public sealed record ProvValidationIssue(string Record, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Record}: {Message}";
}
