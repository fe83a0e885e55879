namespace Stoa.Fits;

/// <summary>
/// A binary-table extension (<c>XTENSION = 'BINTABLE'</c>): named, typed columns of equal row count.
/// </summary>
/// <remarks>A table read from a file decodes all its columns on the first access to any column's
/// <see cref="FitsColumn.Data"/>, in one pass over the rows.</remarks>
public sealed partial class FitsTable : FitsHdu
{
    private readonly List<FitsColumn> _columns;
    private readonly DataSource? _source;
    private readonly int _hdu;
    private readonly Lock _loadGate = new();
    private readonly long _rowLength;
    private readonly long _heapOffset;
    private bool _loaded;

    private FitsTable(IEnumerable<FitsColumn> columns)
        : base(new FitsHeader())
    {
        _columns = [.. columns];
        _hdu = -1;
        _loaded = true;
        RowCount = _columns.Count == 0 ? 0 : _columns[0].RowCount;
        foreach (var c in _columns)
        {
            if (c.RowCount != RowCount)
            {
                throw new ArgumentException($"column '{c.Name}' has {c.RowCount} rows; column '{_columns[0].Name}' has {RowCount}", nameof(columns));
            }
        }

        var layout = PlanWrite();
        foreach (var card in StructuralCards(layout, layout.Heap.Length))
        {
            Header.Add(card);
        }
    }

    /// <summary>Gets the columns, in file order.</summary>
    public IReadOnlyList<FitsColumn> Columns => _columns;

    /// <summary>Gets the number of rows (<c>NAXIS2</c>).</summary>
    public int RowCount { get; }

    /// <summary>Gets a column by name (case-insensitive).</summary>
    /// <param name="name">The column name.</param>
    /// <exception cref="KeyNotFoundException">There is no such column.</exception>
    public FitsColumn this[string name] =>
        FindColumn(name) ?? throw new KeyNotFoundException($"the table has no column '{name}' (columns: {string.Join(", ", _columns.Select(c => c.Name))})");

    /// <summary>Creates a table from columns of equal row count.</summary>
    /// <param name="columns">The columns, in order (at most 999).</param>
    /// <returns>The table; set <see cref="FitsHdu.Name"/> and add keywords to <see cref="FitsHdu.Header"/> as needed.</returns>
    /// <exception cref="ArgumentException">The row counts differ, there are more than 999 columns, or a value cannot be stored.</exception>
    public static FitsTable Create(params IEnumerable<FitsColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var list = columns.ToList();
        return list.Count > 999 ? throw new ArgumentException($"a binary table holds at most 999 columns, not {list.Count}", nameof(columns)) : new FitsTable(list);
    }

    /// <summary>Finds a column by name (case-insensitive).</summary>
    /// <param name="name">The column name.</param>
    /// <returns>The first column with that name, or null.</returns>
    public FitsColumn? FindColumn(string name) =>
        _columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
