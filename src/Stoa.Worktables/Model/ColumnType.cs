using System.Text;
using System.Text.Json.Nodes;

namespace Stoa.Worktables.Model;

/// <summary>
/// The full CWL type of a column: a primitive, <c>File</c>, <c>Directory</c>, an enum, an array, a record, or
/// any of these made optional (<c>T?</c>). Immutable; two types are equal when their CWL spelling is equal.
/// </summary>
public sealed class ColumnType : IEquatable<ColumnType>
{
    private readonly string _spelling;

    private ColumnType(ColumnTypeKind kind, bool optional, ColumnType? items, IReadOnlyList<string> symbols, IReadOnlyList<RecordField> fields)
    {
        Kind = kind;
        IsOptional = optional;
        Items = items;
        Symbols = symbols;
        Fields = fields;
        _spelling = Spell();
    }

    /// <summary>The kind of value held.</summary>
    public ColumnTypeKind Kind { get; }

    /// <summary><see langword="true"/> when the column may be empty (CWL <c>T?</c>, i.e. <c>["null", T]</c>).</summary>
    public bool IsOptional { get; }

    /// <summary>The element type of an <see cref="ColumnTypeKind.Array"/>; otherwise <see langword="null"/>.</summary>
    public ColumnType? Items { get; }

    /// <summary>The allowed symbols of an <see cref="ColumnTypeKind.Enum"/>; otherwise empty.</summary>
    public IReadOnlyList<string> Symbols { get; }

    /// <summary>The fields of a <see cref="ColumnTypeKind.Record"/>; otherwise empty.</summary>
    public IReadOnlyList<RecordField> Fields { get; }

    /// <summary>CWL <c>boolean</c>.</summary>
    public static ColumnType Boolean { get; } = Primitive(ColumnTypeKind.Boolean);
    /// <summary>CWL <c>int</c>.</summary>
    public static ColumnType Int { get; } = Primitive(ColumnTypeKind.Int);
    /// <summary>CWL <c>long</c>.</summary>
    public static ColumnType Long { get; } = Primitive(ColumnTypeKind.Long);
    /// <summary>CWL <c>float</c>.</summary>
    public static ColumnType Float { get; } = Primitive(ColumnTypeKind.Float);
    /// <summary>CWL <c>double</c>.</summary>
    public static ColumnType Double { get; } = Primitive(ColumnTypeKind.Double);
    /// <summary>CWL <c>string</c>.</summary>
    public static ColumnType String { get; } = Primitive(ColumnTypeKind.String);
    /// <summary>CWL <c>File</c>.</summary>
    public static ColumnType File { get; } = Primitive(ColumnTypeKind.File);
    /// <summary>CWL <c>Directory</c>.</summary>
    public static ColumnType Directory { get; } = Primitive(ColumnTypeKind.Directory);
    /// <summary>CWL <c>Any</c>.</summary>
    public static ColumnType Any { get; } = Primitive(ColumnTypeKind.Any);

    /// <summary>A CWL enum of the given symbols.</summary>
    /// <param name="symbols">The allowed values; at least one, no duplicates.</param>
    /// <exception cref="ArgumentException">No symbols, or a duplicate.</exception>
    public static ColumnType Enum(params string[] symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        if (symbols.Length == 0 || symbols.Distinct(StringComparer.Ordinal).Count() != symbols.Length)
        {
            throw new ArgumentException("An enum needs at least one symbol and no duplicates.", nameof(symbols));
        }

        return new ColumnType(ColumnTypeKind.Enum, false, null, [.. symbols], []);
    }

    /// <summary>A CWL array of <paramref name="items"/>.</summary>
    /// <param name="items">The element type.</param>
    public static ColumnType Array(ColumnType items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return new ColumnType(ColumnTypeKind.Array, false, items, [], []);
    }

    /// <summary>A CWL record of the given fields.</summary>
    /// <param name="fields">The fields; names must be distinct.</param>
    /// <exception cref="ArgumentException">A duplicate field name.</exception>
    public static ColumnType Record(params RecordField[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count() != fields.Length)
        {
            throw new ArgumentException("Record field names must be distinct.", nameof(fields));
        }

        return new ColumnType(ColumnTypeKind.Record, false, null, [], [.. fields]);
    }

    /// <summary>This type made optional (<c>T?</c>); returns itself when already optional.</summary>
    public ColumnType AsOptional() => IsOptional ? this : new ColumnType(Kind, true, Items, Symbols, Fields);

    /// <summary>This type made required; returns itself when already required.</summary>
    public ColumnType AsRequired() => IsOptional ? new ColumnType(Kind, false, Items, Symbols, Fields) : this;

    /// <summary>
    /// Parses the CWL shorthand of a type without enums or records: <c>int</c>, <c>File[]</c>, <c>string?</c>,
    /// <c>double[][]?</c>, <c>Any</c>.
    /// </summary>
    /// <param name="shorthand">The CWL type shorthand.</param>
    /// <exception cref="FormatException">Not a known CWL type name.</exception>
    public static ColumnType Parse(string shorthand)
    {
        ArgumentNullException.ThrowIfNull(shorthand);
        var text = shorthand.Trim();
        var optional = text.EndsWith('?');
        if (optional)
        {
            text = text[..^1];
        }

        ColumnType type;
        if (text.EndsWith("[]", StringComparison.Ordinal))
        {
            type = Array(Parse(text[..^2]));
        }
        else
        {
            type = text switch
            {
                "boolean" => Boolean,
                "int" => Int,
                "long" => Long,
                "float" => Float,
                "double" => Double,
                "string" => String,
                "File" => File,
                "Directory" => Directory,
                "Any" => Any,
                _ => throw new FormatException($"'{shorthand}' is not a CWL type (int, long, float, double, string, boolean, File, Directory, Any, T[], T?)."),
            };
        }

        return optional ? type.AsOptional() : type;
    }

    /// <summary>The CWL spelling, e.g. <c>File[]?</c>, <c>enum(a|b)</c>, <c>record{x:int}</c>.</summary>
    public override string ToString() => _spelling;

    /// <inheritdoc />
    public bool Equals(ColumnType? other) => other is not null && string.Equals(_spelling, other._spelling, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ColumnType);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_spelling);

    /// <summary>The persisted form (JSON); <see cref="FromJson"/> reads it back.</summary>
    internal JsonNode ToJson()
    {
        var o = new JsonObject { ["kind"] = Kind.ToString() };
        if (IsOptional)
        {
            o["optional"] = true;
        }

        if (Items is not null)
        {
            o["items"] = Items.ToJson();
        }

        if (Symbols.Count > 0)
        {
            o["symbols"] = new JsonArray([.. Symbols.Select(s => (JsonNode?)JsonValue.Create(s))]);
        }

        if (Fields.Count > 0)
        {
            o["fields"] = new JsonArray([.. Fields.Select(f => (JsonNode?)new JsonObject { ["name"] = f.Name, ["type"] = f.Type.ToJson() })]);
        }

        return o;
    }

    internal static ColumnType FromJson(JsonNode node)
    {
        var kind = System.Enum.Parse<ColumnTypeKind>((string)node["kind"]!);
        var optional = node["optional"] is JsonNode opt && (bool)opt;
        ColumnType type = kind switch
        {
            ColumnTypeKind.Array => Array(FromJson(node["items"]!)),
            ColumnTypeKind.Enum => Enum([.. node["symbols"]!.AsArray().Select(s => (string)s!)]),
            ColumnTypeKind.Record => Record([.. node["fields"]!.AsArray().Select(f => new RecordField((string)f!["name"]!, FromJson(f["type"]!)))]),
            _ => Primitive(kind),
        };
        return optional ? type.AsOptional() : type;
    }

    private static ColumnType Primitive(ColumnTypeKind kind) => new(kind, false, null, [], []);

    private string Spell()
    {
        var sb = new StringBuilder();
        switch (Kind)
        {
            case ColumnTypeKind.Array:
                sb.Append(Items!._spelling).Append("[]");
                break;
            case ColumnTypeKind.Enum:
                sb.Append("enum(").AppendJoin('|', Symbols).Append(')');
                break;
            case ColumnTypeKind.Record:
                sb.Append("record{").AppendJoin(',', Fields.Select(f => f.Name + ":" + f.Type._spelling)).Append('}');
                break;
            case ColumnTypeKind.Any:
                sb.Append("Any");
                break;
            case ColumnTypeKind.File:
                sb.Append("File");
                break;
            case ColumnTypeKind.Directory:
                sb.Append("Directory");
                break;
            default:
                sb.Append(Kind.ToString().ToLowerInvariant());
                break;
        }

        if (IsOptional)
        {
            // An optional array of T is spelled (T[])?; CWL writes it "T[]?", which reads the same way.
            sb.Append('?');
        }

        return sb.ToString();
    }
}
