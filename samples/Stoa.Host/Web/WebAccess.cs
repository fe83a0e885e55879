using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Stoa.Host.Access;
using Stoa.Worktables;

namespace Stoa.Host.Web;

/// <summary>
/// The one place the web app decides who may do what to a table (interim until Stoa.Worktables has roles,
/// issue 7): every table endpoint asks <see cref="Check"/> for the role its action needs.
/// </summary>
internal sealed class WebAccess(WorktableProject project, ProjectAccess access)
{
    /// <summary>
    /// The table when <paramref name="user"/> holds at least <paramref name="needed"/> on it; otherwise the 403
    /// to return (also for a table that does not exist, so names do not leak).
    /// </summary>
    public (Worktable? Table, TableRole Role, IResult? Denied) Check(string user, string table, TableRole needed)
    {
        var role = access.RoleOf(user, table);
        if (role is null || role < needed || !project.TableNames.Contains(table))
        {
            return (null, TableRole.Reader, Results.Text($"'{user}' may not do this on table '{table}' (needs {needed}).", statusCode: StatusCodes.Status403Forbidden));
        }

        return (project.OpenTable(table), role.Value, null);
    }

    /// <summary>The tables <paramref name="user"/> holds a role on.</summary>
    public IEnumerable<(Worktable Table, TableRole Role)> Visible(string user) =>
        project.TableNames.Select(n => (Name: n, Role: access.RoleOf(user, n)))
            .Where(p => p.Role is not null)
            .Select(p => (project.OpenTable(p.Name), p.Role!.Value));
}
