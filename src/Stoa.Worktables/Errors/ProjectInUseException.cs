namespace Stoa.Worktables.Errors;

/// <summary>Another process has the project open. The embedded store serves one process at a time.</summary>
public sealed class ProjectInUseException : WorktableException
{
    /// <summary>Creates the exception.</summary>
    public ProjectInUseException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public ProjectInUseException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ProjectInUseException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
