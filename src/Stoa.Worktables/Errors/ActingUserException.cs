namespace Stoa.Worktables.Errors;

/// <summary>
/// <see cref="WorktableProject.OpenTable(string, string?)"/> could not decide who acts on the table: the named user
/// is not a user of the project, or no user was named and the table has several Owners. Nothing was changed; a
/// command-line host reports it as bad input.
/// </summary>
public sealed class ActingUserException : WorktableException
{
    /// <summary>Creates the exception.</summary>
    public ActingUserException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Which user, which table, and how to name the acting user.</param>
    public ActingUserException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">Which user, which table, and how to name the acting user.</param>
    /// <param name="innerException">The cause.</param>
    public ActingUserException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
