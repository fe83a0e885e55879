using Microsoft.AspNetCore.Http;
using Stoa.Worktables;
using Stoa.Worktables.Access;
using Stoa.Worktables.Errors;

namespace Stoa.Host.Web;

/// <summary>A table as the signed-in user sees it: the library's checked view, the user's role, and the rows to render.</summary>
internal sealed record TableAccess(UserWorktable User, WorktableRole Role, Worktable Rows);

/// <summary>
/// Opens tables for the signed-in user through Stoa.Worktables' roles (<see cref="WorktableProject.OpenTableAs"/>):
/// the library decides and audits; every action goes through the <see cref="UserWorktable"/>, whose refusals become 403.
/// </summary>
internal sealed class WebAccess(WorktableProject project)
{
    /// <summary>The table for <paramref name="user"/>, or the 403 to return when they may not read it (also for a table that does not exist, so names do not leak).</summary>
    public (TableAccess? Table, IResult? Denied) Open(string user, string table)
    {
        if (!project.TableNames.Contains(table))
        {
            return (null, Forbidden(user, table));
        }

        var checkedView = project.OpenTableAs(user, table);
        try
        {
            // A read through the checked view: the library refuses (and audits) a user without a role.
            _ = checkedView.KeyColumns;
        }
        catch (AccessDeniedException)
        {
            return (null, Forbidden(user, table));
        }

        // The rendering reads rows from the table itself only after the library allowed this user to read it.
        return (new TableAccess(checkedView, checkedView.Role ?? WorktableRole.Reader, project.OpenTable(table)), null);
    }

    /// <summary>The tables <paramref name="user"/> holds a role on.</summary>
    public IEnumerable<TableAccess> Visible(string user) =>
        project.TableNames.Select(n => project.OpenTableAs(user, n))
            .Where(t => t.Role is not null)
            .Select(t => new TableAccess(t, t.Role!.Value, project.OpenTable(t.Name)));

    private static IResult Forbidden(string user, string table) =>
        Results.Text($"'{user}' has no role on table '{table}'.", statusCode: StatusCodes.Status403Forbidden);
}
