using System.Text.Json.Nodes;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Storage;

namespace Stoa.Worktables;

public sealed partial class Worktable
{
    /// <summary>Validated, hashed inputs for a row a link makes (template defaults filled in).</summary>
    internal RowInputs SealGenerated(IReadOnlyDictionary<string, JsonNode?> given, string source) =>
        Seal(Cells(given, RowReference.New(1, source), fromText: false, Environment.CurrentDirectory));
}
