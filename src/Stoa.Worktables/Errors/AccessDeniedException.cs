using Stoa.Worktables.Access;

namespace Stoa.Worktables.Errors;

/// <summary>
/// A user asked for an operation their role on the table does not allow. Nothing was changed; the denial is
/// recorded in the project's audit log (<see cref="WorktableProject.AuditLog"/>).
/// </summary>
public sealed class AccessDeniedException : WorktableException
{
    /// <summary>Creates the exception.</summary>
    public AccessDeniedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Who was denied what.</param>
    public AccessDeniedException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">Who was denied what.</param>
    /// <param name="innerException">The cause.</param>
    public AccessDeniedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    internal AccessDeniedException(string user, string table, WorktableOperation operation, WorktableRole? role)
        : base($"user '{user}' may not {operation} on table '{table}': role {role?.ToString() ?? "none"}, requires {AccessPolicy.Requires(operation)}.")
    {
        User = user;
        Table = table;
        Operation = operation;
        Role = role;
    }

    /// <summary>The acting user.</summary>
    public string? User { get; }

    /// <summary>The table.</summary>
    public string? Table { get; }

    /// <summary>The operation denied.</summary>
    public WorktableOperation Operation { get; }

    /// <summary>The user's role on the table; <see langword="null"/> when they have none.</summary>
    public WorktableRole? Role { get; }
}
