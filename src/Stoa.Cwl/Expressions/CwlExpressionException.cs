namespace Stoa.Cwl;

/// <summary>An expression or parameter reference failed to evaluate (a permanent failure of the job).</summary>
public sealed class CwlExpressionException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, naming the expression.</param>
    public CwlExpressionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the underlying cause.</summary>
    /// <param name="message">What went wrong, naming the expression.</param>
    /// <param name="inner">The cause.</param>
    public CwlExpressionException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
