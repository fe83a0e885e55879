namespace Stoa.Worktables.Errors;

/// <summary>
/// The project store cannot be reached: another process held the project's write lock longer than the busy timeout
/// (30 s), or the PostgreSQL server of a shared project cannot be reached; nothing was changed. Opening a project another process has open is not an error: any number may.
/// </summary>
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
