using System.Text.Json.Nodes;
using Stoa.Worktables.Hashing;

namespace Stoa.Worktables.Values;

/// <summary>Input files stay where they are; the cell records their content checksum for the row identity.</summary>
internal sealed class InputFileResolver(ContentHasher hasher) : IFileCellResolver
{
    public JsonObject ResolveFile(string fullPath) => new()
    {
        ["class"] = "File",
        ["location"] = fullPath,
        ["basename"] = Path.GetFileName(fullPath),
        ["checksum"] = "sha1$" + hasher.HashFile(fullPath),
        ["size"] = new FileInfo(fullPath).Length,
    };

    public JsonObject ResolveDirectory(string fullPath) => new()
    {
        ["class"] = "Directory",
        ["location"] = fullPath,
        ["basename"] = Path.GetFileName(Path.TrimEndingDirectorySeparator(fullPath)),
        ["checksum"] = "sha1$" + hasher.HashDirectory(fullPath),
    };
}
