using Stoa.Worktables.Errors;

namespace Stoa.Worktables.Vo.Adql;

/// <summary>
/// An ADQL query that cannot be run: a syntax error (with the <see cref="Line"/> and <see cref="Column"/> where it
/// was found), an unknown table or column, or an operation on values of the wrong type. Nothing was read.
/// </summary>
public sealed class AdqlException : WorktableException
{
    /// <summary>Creates the exception.</summary>
    public AdqlException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong with the query.</param>
    public AdqlException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong with the query.</param>
    /// <param name="innerException">The cause.</param>
    public AdqlException(string message, Exception innerException) : base(message, innerException)
    {
    }

    internal AdqlException(string message, int line, int column) : base($"line {line}, column {column}: {message}")
    {
        Line = line;
        Column = column;
    }

    /// <summary>The line (from 1) of a syntax error; 0 when the error is not tied to a place in the text.</summary>
    public int Line { get; }

    /// <summary>The column (from 1) of a syntax error; 0 when the error is not tied to a place in the text.</summary>
    public int Column { get; }
}
