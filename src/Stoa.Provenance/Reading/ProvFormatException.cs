namespace Stoa.Provenance;

/// <summary>A PROV text that cannot be read: says which source, where (line and column, or JSON path) and what.</summary>
public sealed class ProvFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="source">The file name or another label of the input, if known.</param>
    /// <param name="location">Where: <c>line 3, column 14</c> or a JSON path such as <c>$.used._:r1.prov:time</c>.</param>
    public ProvFormatException(string message, string? source, string location)
        : base($"{source ?? "<input>"}: {location}: {message}")
    {
        SourceName = source;
        Location = location;
    }

    /// <summary>Creates the exception.</summary>
    public ProvFormatException()
        : this("Invalid PROV.", null, "?")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ProvFormatException(string message)
        : this(message, null, "?")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ProvFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Location = "?";
    }

    /// <summary>The input's name, if known.</summary>
    public string? SourceName { get; }

    /// <summary>Where in the input.</summary>
    public string Location { get; }
}
