namespace Stoa.Worktables.Errors;

/// <summary>
/// The workflow a table is bound to cannot be used: it fails to load, a file it references is missing, or a new
/// version changes an input column incompatibly. The table is unchanged.
/// </summary>
public sealed class WorkflowException : WorktableException
{
    /// <summary>Creates the exception.</summary>
    public WorkflowException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message, naming the file (and line, when known).</param>
    public WorkflowException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause, e.g. the loader's own error.</param>
    public WorkflowException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The workflow file, when there is one.</summary>
    public string? Path { get; init; }

    /// <summary>The column concerned, when there is one.</summary>
    public string? Column { get; init; }
}
