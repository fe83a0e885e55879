using Stoa.Worktables.Errors;
using Stoa.Worktables.Links;

namespace Stoa.Worktables.Access;

public sealed partial class UserWorktable
{
    /// <summary>
    /// Declares a link into this table (Owner of this table, and at least Reader of the parent, since the link
    /// copies the parent's values). See <see cref="WorktableProject.Link(TableLink)"/>.
    /// </summary>
    /// <param name="link">A link whose <see cref="TableLink.Child"/> is this table.</param>
    /// <exception cref="AccessDeniedException">The user may not link this table, or may not read the parent.</exception>
    /// <exception cref="LinkCycleException">The link would close a cycle.</exception>
    public void Link(TableLink link)
    {
        Table.RequireChild(link);
        var t = Demand(WorktableOperation.Link);
        new UserWorktable(t.Project.OpenTable(link.Parent), User).Demand(WorktableOperation.Read);
        t.Project.Link(link);
    }
}
