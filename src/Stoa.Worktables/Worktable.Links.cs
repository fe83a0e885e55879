using System.Text.Json.Nodes;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Storage;

namespace Stoa.Worktables;

public sealed partial class Worktable
{
    /// <summary>Validated, hashed inputs for a row a link makes (template defaults filled in).</summary>
    internal RowInputs SealGenerated(IReadOnlyDictionary<string, JsonNode?> given, string source) =>
        Seal(Cells(given, RowReference.New(1, source), fromText: false, Environment.CurrentDirectory));

    /// <summary>Declares a link into this table, as <see cref="WorktableProject.Link(Links.TableLink)"/> does. No role is checked.</summary>
    /// <param name="link">A link whose <see cref="Links.TableLink.Child"/> is this table.</param>
    /// <exception cref="LinkCycleException">The link would close a cycle.</exception>
    /// <exception cref="ArgumentException">The link's child is another table.</exception>
    public void Link(Links.TableLink link)
    {
        RequireChild(link);
        Project.Link(link);
    }

    /// <summary>Refuses a link whose child is not this table.</summary>
    internal void RequireChild(Links.TableLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (link.Child != Name)
        {
            throw new ArgumentException($"the link's child is '{link.Child}', not this table '{Name}'.", nameof(link));
        }
    }
}
