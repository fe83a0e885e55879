namespace Stoa.Host.Samp;

/// <summary>A SAMP hub could not be found, refused a call, or answered something that is not SAMP.</summary>
internal sealed class SampException : Exception
{
    public SampException(string message) : base(message) { }

    public SampException(string message, Exception inner) : base(message, inner) { }
}
