using System.Text.Json.Nodes;

namespace Stoa.Worktables.Model;

/// <summary>One column of a worktable: a workflow input or output with its CWL type and descriptive metadata.</summary>
/// <param name="Name">The CWL input/output id; unique within the table.</param>
/// <param name="Type">The full CWL type.</param>
/// <param name="Role">Input or output.</param>
public sealed record ColumnDefinition(string Name, ColumnType Type, ColumnRole Role)
{
    /// <summary>Description, from the CWL <c>doc</c> (or <c>label</c>). Default: none.</summary>
    public string? Description { get; init; }

    /// <summary>Physical unit in VO/FITS spelling, e.g. <c>Jy/beam</c>, <c>deg</c>. Default: none.</summary>
    public string? Unit { get; init; }

    /// <summary>IVOA Unified Content Descriptor, e.g. <c>pos.eq.ra;meta.main</c>. Default: none.</summary>
    public string? Ucd { get; init; }

    /// <summary>An input column of the given type.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="type">The CWL type.</param>
    public static ColumnDefinition Input(string name, ColumnType type) => new(name, type, ColumnRole.Input);

    /// <summary>An output column of the given type.</summary>
    /// <param name="name">The column name.</param>
    /// <param name="type">The CWL type.</param>
    public static ColumnDefinition Output(string name, ColumnType type) => new(name, type, ColumnRole.Output);

    internal JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["type"] = Type.ToJson(),
        ["role"] = Role.ToString(),
        ["description"] = Description,
        ["unit"] = Unit,
        ["ucd"] = Ucd,
    };

    internal static ColumnDefinition FromJson(JsonNode node) =>
        new((string)node["name"]!, ColumnType.FromJson(node["type"]!), Enum.Parse<ColumnRole>((string)node["role"]!))
        {
            Description = (string?)node["description"],
            Unit = (string?)node["unit"],
            Ucd = (string?)node["ucd"],
        };
}
