namespace Stoa.Basc;

/// <summary>
/// Thrown when an input of a source-finding run is unusable: a missing file, mismatched or non-square shapes,
/// a PSF whose peak is not 1 at the centre, NaN pixels, or an all-zero map. The message names the file and the problem.
/// </summary>
public sealed class BascInputException : Exception
{
    /// <summary>Creates the exception for <paramref name="file"/> with a description of <paramref name="problem"/>.</summary>
    /// <param name="file">The file (or array name) at fault.</param>
    /// <param name="problem">What is wrong with it.</param>
    public BascInputException(string file, string problem)
        : base($"{file}: {problem}")
    {
        File = file;
        Problem = problem;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public BascInputException()
        : this("(input)", "invalid input")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public BascInputException(string message)
        : this("(input)", message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public BascInputException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = "(input)";
        Problem = message;
    }

    /// <summary>The file (or array name) at fault.</summary>
    public string File { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
