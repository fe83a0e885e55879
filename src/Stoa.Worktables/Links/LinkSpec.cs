using System.Text.Json;
using Stoa.Worktables.Storage;

namespace Stoa.Worktables.Links;

/// <summary>A <see cref="TableLink"/> as persisted (JSON), so a reopened project knows its links.</summary>
internal sealed record LinkSpec(LinkKind Kind, string Parent, string Child, Dictionary<string, string> On, Dictionary<string, string> Bind, string? Source, string? Element, string? Index)
{
    public static LinkSpec From(TableLink l) =>
        new(l.Kind, l.Parent, l.Child, new(l.On, StringComparer.Ordinal), new(l.Bind, StringComparer.Ordinal), l.Source, l.Element, l.Index);

    public static LinkSpec Read(string json) => JsonSerializer.Deserialize(json, StoredJson.Default.LinkSpec) ?? throw new InvalidDataException("empty link specification");

    public TableLink ToLink() => Kind == LinkKind.Join
        ? TableLink.Join(Parent, Child, On, Bind)
        : TableLink.Generator(Parent, Child, Source!, Element!, Index, Bind);

    public string Write() => JsonSerializer.Serialize(this, StoredJson.Default.LinkSpec);
}
