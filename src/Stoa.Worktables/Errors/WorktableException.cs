namespace Stoa.Worktables.Errors;

/// <summary>Base of every error Stoa.Worktables reports about a project, a table, a row or a cell.</summary>
public class WorktableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorktableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong, naming the row, column and value.</param>
    public WorktableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public WorktableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
