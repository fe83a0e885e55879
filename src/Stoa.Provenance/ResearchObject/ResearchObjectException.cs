namespace Stoa.Provenance;

/// <summary>A research object cannot be written or does not verify: names the file and what is wrong.</summary>
public sealed class ResearchObjectException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ResearchObjectException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ResearchObjectException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ResearchObjectException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
