using Stoa.Worktables.Access;
using Stoa.Worktables.Bundles;
using Stoa.Worktables.Errors;

namespace Stoa.Worktables;

public sealed partial class WorktableProject
{
    /// <summary>
    /// The directory holding the files of imported <c>.wtx</c> bundles, one folder per table
    /// (<c>&lt;file&gt;-bundles/&lt;table&gt;/</c>, or <c>bundles/&lt;table&gt;/</c> in the <see cref="FilesDirectory"/> of a
    /// PostgreSQL project); an imported table's workflow runs from there.
    /// </summary>
    public string BundleDirectory { get; }

    /// <summary>
    /// Imports an original STOA <c>.wtx</c> bundle as a new table bound to its <c>workflow.cwl</c>. The bundle's files
    /// are kept byte for byte in <see cref="BundleDirectory"/>; rows come from <c>table.txt</c> (UCDs and units onto the
    /// columns), statuses from <c>tracking.txt</c> (COMPLETE rows whose outputs are all present import Succeeded with
    /// them, recorded as an imported run; the other rows are Pending), defaults from <c>template.yml</c> and links to
    /// tables already in the project from <c>links.txt</c>. All or nothing: on any error the project is unchanged.
    /// The format is described in the package README.
    /// </summary>
    /// <param name="wtxPath">The <c>.wtx</c> file (a zip).</param>
    /// <param name="tableName">The new table's name, unique in the project.</param>
    /// <param name="options">Key columns and how to treat links to absent tables; default none, and refuse.</param>
    /// <returns>The new table.</returns>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="WtxFormatException">The bundle is malformed; the message names entry, line and field.</exception>
    /// <exception cref="WorktableException">The name is not an identifier, a table of that name exists, or a key column is not an input.</exception>
    public Worktable ImportWtx(string wtxPath, string tableName, WtxImportOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentException.ThrowIfNullOrWhiteSpace(wtxPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        return WtxImporter.Import(this, wtxPath, tableName, options ?? new WtxImportOptions(), owner: null);
    }

    /// <summary>
    /// Imports a <c>.wtx</c> bundle as <see cref="ImportWtx"/> does, with <paramref name="owner"/> as the new table's
    /// Owner (granted in the same transaction).
    /// </summary>
    /// <param name="owner">A user added with <see cref="AddUser"/>.</param>
    /// <param name="wtxPath">The <c>.wtx</c> file.</param>
    /// <param name="tableName">The new table's name.</param>
    /// <param name="options">Key columns and link handling.</param>
    /// <returns>The table as seen by <paramref name="owner"/>.</returns>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="WtxFormatException">The bundle is malformed.</exception>
    /// <exception cref="WorktableException">Unknown user, a name that is not an identifier, a table of that name exists, or a bad key column.</exception>
    public UserWorktable ImportWtxAs(string owner, string wtxPath, string tableName, WtxImportOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        RequireUser(owner);
        ArgumentException.ThrowIfNullOrWhiteSpace(wtxPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        return new UserWorktable(WtxImporter.Import(this, wtxPath, tableName, options ?? new WtxImportOptions(), owner), owner);
    }

    /// <summary>The folder of a table's bundle; the name is escaped so any table name is one safe folder name.</summary>
    internal string BundleDirectoryOf(string table)
    {
        var name = Uri.EscapeDataString(table);
        return System.IO.Path.Combine(BundleDirectory, name.StartsWith('.') ? "%2E" + name[1..] : name);
    }

    /// <summary>Removes a deleted table's bundle files.</summary>
    internal void RemoveBundle(string table)
    {
        var dir = BundleDirectoryOf(table);
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
