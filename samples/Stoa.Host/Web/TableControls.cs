using Stoa.Worktables.Access;

namespace Stoa.Host.Web;

/// <summary>
/// Which controls a page shows, each asked of the library (<see cref="UserWorktable.Allows"/>) rather than worked out
/// from the role here, so the page offers exactly what the library will then allow. Read once per page or fragment:
/// every question reads the role from the project.
/// </summary>
internal sealed record TableControls(bool Run, bool EditInputs, bool Comment, bool Flag, bool Export)
{
    /// <summary>The controls the user of <paramref name="table"/> may use now.</summary>
    public static TableControls For(UserWorktable table) => new(
        table.Allows(WorktableOperation.Run),
        table.Allows(WorktableOperation.EditInputs),
        table.Allows(WorktableOperation.Comment),
        table.Allows(WorktableOperation.Flag),
        table.Allows(WorktableOperation.Export));
}
