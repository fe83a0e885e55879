namespace Stoa.Samp;

/// <summary>A SAMP hub could not be found, refused a call, or answered something that is not SAMP; the message says which.</summary>
public sealed class SampException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, in one line.</param>
    public SampException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What went wrong, in one line.</param>
    /// <param name="inner">The cause.</param>
    public SampException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
