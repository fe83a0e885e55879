using Stoa.Worktables.Errors;

namespace Stoa.Worktables.Access;

public sealed partial class UserWorktable
{
    /// <summary>
    /// Stores an uploaded file in the project (Owner), for a File input cell: its content goes into the project's
    /// content-addressed store (<see cref="WorktableProject.OutputDirectory"/>), under the last segment of
    /// <paramref name="fileName"/> only, so no part of a client's name chooses where it lands. Pass the result to
    /// <see cref="Edit(long, IReadOnlyDictionary{string, object?})"/> as the cell's value. Size limits are the
    /// caller's (the web host limits the request).
    /// </summary>
    /// <param name="content">The file's bytes, read to the end; not closed.</param>
    /// <param name="fileName">The client's name for the file, e.g. <c>map.fits</c> or <c>C:\data\map.fits</c>.</param>
    /// <returns>The stored file.</returns>
    /// <exception cref="AccessDeniedException">The user may not edit inputs.</exception>
    /// <exception cref="CellException">The name has no usable last segment (empty, <c>.</c>, <c>..</c>, control characters, over 255 bytes).</exception>
    public FileInfo StoreFile(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        var table = Demand(WorktableOperation.EditInputs);
        return new FileInfo(table.Project.Outputs.StoreNamed(content, SafeName(fileName)));
    }

    private static string SafeName(string fileName)
    {
        // Both separators count, whatever the server's OS: a browser on Windows may send a whole path.
        var name = fileName.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..].Trim();
        if (name is "" or "." or ".." || name.Any(char.IsControl) || System.Text.Encoding.UTF8.GetByteCount(name) > 255)
        {
            throw new CellException($"'{fileName}' is not a usable file name (give a plain name such as map.fits).");
        }

        return name;
    }
}
