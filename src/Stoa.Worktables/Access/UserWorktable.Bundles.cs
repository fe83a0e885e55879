using Stoa.Worktables.Errors;

namespace Stoa.Worktables.Access;

public sealed partial class UserWorktable
{
    /// <summary>Writes the table as a <c>.wtx</c> bundle (Reader and up); see <see cref="Worktable.ExportWtx(Stream)"/>.</summary>
    /// <param name="stream">Where to write; not closed.</param>
    /// <exception cref="AccessDeniedException">The user may not export the table.</exception>
    /// <exception cref="WorkflowException">The table has no CWL document, or its files changed since it was bound.</exception>
    public void ExportWtx(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Demand(WorktableOperation.Export).ExportWtx(stream);
    }

    /// <summary>Writes the table as a <c>.wtx</c> bundle file (Reader and up); see <see cref="Worktable.ExportWtx(string)"/>.</summary>
    /// <param name="path">The <c>.wtx</c> file to write.</param>
    /// <exception cref="AccessDeniedException">The user may not export the table.</exception>
    /// <exception cref="WorkflowException">The table has no CWL document, or its files changed since it was bound.</exception>
    public void ExportWtx(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Demand(WorktableOperation.Export).ExportWtx(path);
    }
}
