using Stoa.Worktables.Bundles;
using Stoa.Worktables.Errors;

namespace Stoa.Worktables;

public sealed partial class Worktable
{
    /// <summary>
    /// Writes the table as a <c>.wtx</c> bundle (a zip) that reproduces it: <c>workflow.cwl</c> and every file it
    /// references, byte for byte at their relative paths; the rows' input and output files; <c>template.yml</c>,
    /// <c>table.txt</c>, <c>tracking.txt</c> (Succeeded rows COMPLETE, the others PENDING, their outputs left empty),
    /// <c>links.txt</c> (the links into this table); and <c>manifest-sha256.txt</c> over every entry.
    /// <see cref="WorktableProject.ImportWtx"/> reads it back.
    /// </summary>
    /// <param name="stream">Where to write; not closed.</param>
    /// <exception cref="WorkflowException">The table has no CWL document, its files changed since it was bound, or one
    /// lies outside the document's directory (the CWL is kept byte for byte, so it cannot be rewritten to point inside).</exception>
    /// <exception cref="WorktableException">A file a row refers to no longer exists.</exception>
    public void ExportWtx(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        WtxExporter.Write(this, stream);
    }

    /// <summary>Writes the table as a <c>.wtx</c> bundle to a file, replacing it only once the bundle is complete.</summary>
    /// <param name="path">The <c>.wtx</c> file to write.</param>
    /// <exception cref="WorkflowException">See <see cref="ExportWtx(Stream)"/>.</exception>
    /// <exception cref="WorktableException">A file a row refers to no longer exists.</exception>
    public void ExportWtx(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var temp = full + $".tmp-{Guid.NewGuid():N}";
        try
        {
            using (var f = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                ExportWtx(f);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
