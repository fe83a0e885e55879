using Stoa.Worktables.Export;
using Stoa.Worktables.Vo.Adql;

namespace Stoa.Worktables.Vo.Tap;

/// <summary>
/// TAP_SCHEMA (TAP 1.1 §4): <c>schemas</c>, <c>tables</c>, <c>columns</c>, <c>keys</c> and <c>key_columns</c>,
/// describing the published tables and TAP_SCHEMA itself, built from the project each time it is queried.
/// </summary>
internal static class TapSchema
{
    public const string Name = "TAP_SCHEMA";

    private static readonly AdqlColumn[] SchemaColumns =
    [
        new("schema_name", ExportKind.Text, Description: "schema name, for reference to TAP_SCHEMA.schemas"),
        new("utype", ExportKind.Text, Description: "lists the utypes of schemas in the tableset"),
        new("description", ExportKind.Text, Description: "describes schemas in the tableset"),
        new("schema_index", ExportKind.Int, Description: "recommended sort order when listing schemas"),
    ];

    private static readonly AdqlColumn[] TableColumns =
    [
        new("schema_name", ExportKind.Text, Description: "the schema name from TAP_SCHEMA.schemas"),
        new("table_name", ExportKind.Text, Description: "the table name as it is written in FROM"),
        new("table_type", ExportKind.Text, Description: "one of: table, view"),
        new("utype", ExportKind.Text, Description: "lists the utype of tables in the tableset"),
        new("description", ExportKind.Text, Description: "describes tables in the tableset"),
        new("table_index", ExportKind.Int, Description: "recommended sort order when listing tables"),
    ];

    private static readonly AdqlColumn[] ColumnColumns =
    [
        new("table_name", ExportKind.Text, Description: "the table this column belongs to"),
        new("column_name", ExportKind.Text, Description: "the column name"),
        new("utype", ExportKind.Text, Description: "lists the utypes of columns in the tableset"),
        new("ucd", ExportKind.Text, Description: "lists the UCDs of columns in the tableset"),
        new("unit", ExportKind.Text, Description: "lists the unit used for column values in the tableset"),
        new("description", ExportKind.Text, Description: "describes the columns in the tableset"),
        new("datatype", ExportKind.Text, Description: "lists the ADQL datatype of columns in the tableset"),
        new("arraysize", ExportKind.Text, Description: "lists the size of variable-length columns in the tableset"),
        new("xtype", ExportKind.Text, Description: "a DALI or custom extended type annotation"),
        new("size", ExportKind.Int, Description: "deprecated: use arraysize"),
        new("principal", ExportKind.Int, Description: "a principal column; 1 means 1, 0 means 0"),
        new("indexed", ExportKind.Int, Description: "an indexed column; 1 means 1, 0 means 0"),
        new("std", ExportKind.Int, Description: "a standard column; 1 means 1, 0 means 0"),
        new("column_index", ExportKind.Int, Description: "recommended sort order when listing columns"),
    ];

    private static readonly AdqlColumn[] KeyColumns =
    [
        new("key_id", ExportKind.Text, Description: "unique key identifier"),
        new("from_table", ExportKind.Text, Description: "fully qualified table name"),
        new("target_table", ExportKind.Text, Description: "fully qualified table name"),
        new("utype", ExportKind.Text, Description: "lists the utype of keys in the tableset"),
        new("description", ExportKind.Text, Description: "describes keys in the tableset"),
    ];

    private static readonly AdqlColumn[] KeyColumnColumns =
    [
        new("key_id", ExportKind.Text, Description: "key identifier from TAP_SCHEMA.keys"),
        new("from_column", ExportKind.Text, Description: "key column name in the from_table"),
        new("target_column", ExportKind.Text, Description: "key column name in the target_table"),
    ];

    /// <summary>The five TAP_SCHEMA tables over <paramref name="published"/>.</summary>
    public static IReadOnlyList<AdqlTable> Tables(IReadOnlyList<AdqlTable> published)
    {
        var own = new List<AdqlTable>
        {
            new(Name, "schemas", SchemaColumns, () => [], "the schemas of this service"),
            new(Name, "tables", TableColumns, () => [], "the tables of this service"),
            new(Name, "columns", ColumnColumns, () => [], "the columns of the tables of this service"),
            new(Name, "keys", KeyColumns, () => [], "foreign keys between tables (none: worktables are not related by keys)"),
            new(Name, "key_columns", KeyColumnColumns, () => [], "the columns of the foreign keys"),
        };
        var all = published.Concat(own).ToList();
        own[0] = own[0] with
        {
            Rows = () =>
            [
                [PublishedTables.Schema, null, "worktables published by their Owners", 0L],
                [Name, null, "the description of this service's tables (TAP 1.1 §4)", 1L],
            ],
        };
        own[1] = own[1] with { Rows = () => all.Select((t, i) => new object?[] { t.Schema, QualifiedName(t), "table", null, t.Description, (long)i }) };
        own[2] = own[2] with
        {
            Rows = () => all.SelectMany(t => t.Columns.Select((c, i) => new object?[]
            {
                QualifiedName(t), c.Name, null, c.Ucd, c.Unit, c.Description, Datatype(c.Kind), c.Kind == ExportKind.Text ? "*" : null, null, null,
                1L, 0L, t.Schema == Name ? 1L : 0L, (long)i,
            })),
        };
        return own;
    }

    /// <summary>The name a query writes: published tables bare, TAP_SCHEMA's with their schema.</summary>
    public static string QualifiedName(AdqlTable t) => t.Schema == Name ? $"{Name}.{t.Name}" : t.Name;

    /// <summary>The TAP/VOTable datatype of a column kind.</summary>
    public static string Datatype(ExportKind kind) => kind switch
    {
        ExportKind.Boolean => "boolean",
        ExportKind.Int => "int",
        ExportKind.Long => "long",
        ExportKind.Float => "float",
        ExportKind.Double => "double",
        _ => "char",
    };
}
