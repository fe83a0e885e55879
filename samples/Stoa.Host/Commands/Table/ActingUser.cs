using System.CommandLine;
using Stoa.Worktables;
using Stoa.Worktables.Access;
using Stoa.Worktables.Errors;

namespace Stoa.Host.Commands.Table;

/// <summary>
/// Who acts on a table from the command line, so that Stoa.Worktables' roles apply to the CLI as they do to the
/// web app: <c>--user NAME</c>; without it, the table's Owner when it has exactly one; a table with several Owners
/// needs <c>--user</c>; a table nobody owns (no accounts in the project) is acted on directly, as the file's owner.
/// </summary>
internal static class ActingUser
{
    /// <summary><c>--user NAME</c>.</summary>
    public static Option<string?> Option() => new("--user")
    {
        Description = "Act as this project user; the table's roles apply (refusal: exit 5). Default: the table's single Owner; "
            + "required when it has several; a table without owners is acted on directly.",
    };

    /// <summary>
    /// The user to act as on <paramref name="table"/>, or <see langword="null"/> when the table has no Owner and no
    /// user was named (then the caller acts on the table directly).
    /// </summary>
    /// <exception cref="WorktableException">Unknown user, or several Owners and no <c>--user</c>.</exception>
    public static string? Resolve(WorktableProject project, string table, string? given)
    {
        if (given is not null)
        {
            RequireUser(project, given);
            return given;
        }

        // Role reads the grant without auditing; the library has no owner listing that needs no acting user.
        var owners = project.Users.Where(u => project.OpenTableAs(u, table).Role == WorktableRole.Owner).ToList();
        return owners.Count switch
        {
            0 => null,
            1 => owners[0],
            _ => throw new WorktableException($"table '{table}' has several Owners ({string.Join(", ", owners)}): name the acting user with --user."),
        };
    }

    /// <summary>Refuses a name that is not a user of the project, saying how to add it.</summary>
    /// <exception cref="WorktableException">No such user.</exception>
    public static void RequireUser(WorktableProject project, string user)
    {
        if (!project.Users.Contains(user, StringComparer.Ordinal))
        {
            throw new WorktableException($"no user named '{user}' in {project.Path} (add it with 'stoa user add').");
        }
    }

    /// <summary>The table as <see cref="Resolve"/> decides: a <see cref="UserWorktable"/>, or null to act directly.</summary>
    public static UserWorktable? Open(WorktableProject project, string table, string? given) =>
        Resolve(project, table, given) is { } user ? project.OpenTableAs(user, table) : null;
}
