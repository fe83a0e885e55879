using System.Text.Json.Nodes;

namespace Stoa.Worktables.Values;

/// <summary>
/// Turns an existing file or directory into its stored CWL object: inputs keep their location and gain a
/// checksum; outputs are copied into the project's content-addressed store first.
/// </summary>
internal interface IFileCellResolver
{
    JsonObject ResolveFile(string fullPath);

    JsonObject ResolveDirectory(string fullPath);
}
