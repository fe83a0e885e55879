using Stoa.Worktables.Access;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Storage;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables;

public sealed partial class WorktableProject
{
    /// <summary>The users known to the project, by name.</summary>
    public IReadOnlyList<string> Users => AccessStore.Users();

    internal IAccessStore AccessStore => (IAccessStore)Store;

    /// <summary>Registers a user (authentication is the host's business; the library enforces roles).</summary>
    /// <param name="name">The user name, unique in the project.</param>
    /// <returns><see langword="false"/> when the user already existed.</returns>
    public bool AddUser(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return AccessStore.AddUser(name, DateTime.UtcNow);
    }

    /// <summary>Creates a worktable owned by <paramref name="owner"/>, who gets the <see cref="WorktableRole.Owner"/> role.</summary>
    /// <param name="owner">A user added with <see cref="AddUser"/>.</param>
    /// <param name="name">The table name, unique in the project.</param>
    /// <param name="workflow">The workflow whose inputs and outputs become the columns.</param>
    /// <param name="options">Key columns and row template; default none.</param>
    /// <returns>The table as seen by <paramref name="owner"/>.</returns>
    /// <exception cref="WorktableException">Unknown user, a table of that name exists, or a bad key column.</exception>
    public UserWorktable CreateTableAs(string owner, string name, WorkflowDefinition workflow, WorktableOptions? options = null)
    {
        RequireUser(owner);
        var table = CreateTable(name, workflow, options);
        AccessStore.SetGrant(table.TableId, name, owner, WorktableRole.Owner, owner, DateTime.UtcNow);
        return new UserWorktable(table, owner);
    }

    /// <summary>Opens a worktable as <paramref name="user"/>: every operation on the result is checked against the user's role.</summary>
    /// <param name="user">The acting user.</param>
    /// <param name="name">The table name.</param>
    /// <exception cref="WorktableException">No such table.</exception>
    public UserWorktable OpenTableAs(string user, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        return new UserWorktable(OpenTable(name), user);
    }

    /// <summary>
    /// Opens a worktable for whoever acts on it, by one rule for every host: the named <paramref name="actingUser"/>
    /// (every operation then checked against their role); without one, the table's Owner when it has exactly one; a
    /// table nobody owns (a project without accounts, or a table not yet claimed) is opened with administrator access
    /// (<see cref="OpenTable(string)"/>). A table with several Owners needs the acting user named.
    /// </summary>
    /// <param name="name">The table name.</param>
    /// <param name="actingUser">The acting user, or <see langword="null"/> for the rule above.</param>
    /// <returns>The table handle: a <see cref="UserWorktable"/>, or the <see cref="Worktable"/> itself when nobody owns it and no user was named.</returns>
    /// <exception cref="WorktableException">No such table.</exception>
    /// <exception cref="ActingUserException"><paramref name="actingUser"/> is not a user of the project, or none was named and the table has several Owners.</exception>
    public IWorktable OpenTable(string name, string? actingUser)
    {
        var table = OpenTable(name);
        if (actingUser is not null)
        {
            if (string.IsNullOrWhiteSpace(actingUser) || !AccessStore.Users().Contains(actingUser, StringComparer.Ordinal))
            {
                throw new ActingUserException($"{Path}: no user named '{actingUser}' (users: {(Users.Count == 0 ? "none" : string.Join(", ", Users))}).");
            }

            return new UserWorktable(table, actingUser);
        }

        var owners = AccessStore.Grants(table.TableId).Where(g => g.Value == WorktableRole.Owner).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        return owners.Count switch
        {
            0 => table,
            1 => new UserWorktable(table, owners[0]),
            _ => throw new ActingUserException($"table '{name}' has several Owners ({string.Join(", ", owners)}): name the acting user."),
        };
    }

    /// <summary>
    /// Makes <paramref name="owner"/> the Owner of a table that has no owner yet (one created without an acting user,
    /// or imported). Refused once the table has an owner: from then on only an Owner shares it.
    /// </summary>
    /// <param name="owner">A user added with <see cref="AddUser"/>.</param>
    /// <param name="name">The table name.</param>
    /// <exception cref="WorktableException">Unknown user or table.</exception>
    /// <exception cref="AccessDeniedException">The table already has an owner (the attempt is audited).</exception>
    public void ClaimOwnership(string owner, string name)
    {
        RequireUser(owner);
        var table = OpenTable(name);
        if (AccessStore.Grants(table.TableId).Values.Contains(WorktableRole.Owner))
        {
            var denied = new AccessDeniedException(owner, name, WorktableOperation.Share, AccessStore.RoleOf(table.TableId, owner));
            AccessStore.Audit(new AuditEntry(DateTime.UtcNow, owner, name, WorktableOperation.Share, false, "claim ownership of an owned table"));
            throw denied;
        }

        AccessStore.SetGrant(table.TableId, name, owner, WorktableRole.Owner, owner, DateTime.UtcNow);
    }

    /// <summary>The audit log: every denied operation and every role change, oldest first.</summary>
    /// <param name="table">Only this table's entries; <see langword="null"/> for all.</param>
    public IReadOnlyList<AuditEntry> AuditLog(string? table = null) => AccessStore.AuditLog(table);

    internal void RequireUser(string user)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        if (!AccessStore.Users().Contains(user, StringComparer.Ordinal))
        {
            throw new WorktableException($"{Path}: no user named '{user}' (add it with AddUser).");
        }
    }

    internal void Forget(string name)
    {
        lock (_open)
        {
            _open.Remove(name);
        }
    }
}
