using System.Globalization;
using System.Text;

namespace Stoa.Worktables.Vo.Adql;

/// <summary>
/// Writes a syntax tree back as ADQL that parses to the same tree: every operation in parentheses, names delimited
/// when they are delimited in the tree, literals in invariant round-trip form.
/// </summary>
internal static class AdqlPrinter
{
    public static string Print(AdqlQuery q)
    {
        var sb = new StringBuilder("SELECT ");
        if (q.Distinct)
        {
            sb.Append("DISTINCT ");
        }

        if (q.Top is { } top)
        {
            sb.Append("TOP ").Append(top.ToString(CultureInfo.InvariantCulture)).Append(' ');
        }

        sb.AppendJoin(", ", q.Select.Select(Print));
        sb.Append(" FROM ").AppendJoin(", ", q.From.Select(Print));
        if (q.Where is { } where)
        {
            sb.Append(" WHERE ").Append(Print(where));
        }

        if (q.GroupBy.Count > 0)
        {
            sb.Append(" GROUP BY ").AppendJoin(", ", q.GroupBy.Select(Print));
        }

        if (q.Having is { } having)
        {
            sb.Append(" HAVING ").Append(Print(having));
        }

        if (q.OrderBy.Count > 0)
        {
            sb.Append(" ORDER BY ").AppendJoin(", ", q.OrderBy.Select(o => Print(o.Key) + (o.Descending ? " DESC" : " ASC")));
        }

        if (q.Offset is { } offset)
        {
            sb.Append(" OFFSET ").Append(offset.ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    private static string Print(SelectItem item) => item switch
    {
        SelectAll { Qualifier: null } => "*",
        SelectAll a => Print(a.Qualifier!) + ".*",
        SelectValue { Alias: { } alias } v => Print(v.Value) + " AS " + Print(alias),
        SelectValue v => Print(v.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(item)),
    };

    private static string Print(FromItem item) => item switch
    {
        TableRef t => (t.Schema is { } s ? Print(s) + "." : "") + Print(t.Table) + (t.Alias is { } a ? " AS " + Print(a) : ""),
        JoinRef j => Print(j.Left) + (j.Natural ? " NATURAL" : "") + (j.LeftOuter ? " LEFT OUTER JOIN " : " INNER JOIN ") + Print(j.Right)
            + (j.On is { } on ? " ON " + Print(on) : j.Using is { } u ? " USING (" + string.Join(", ", u.Select(Print)) + ")" : ""),
        DerivedTable d => "(" + Print(d.Query) + ") AS " + Print(d.Alias),
        _ => throw new ArgumentOutOfRangeException(nameof(item)),
    };

    public static string Print(Name n) => n.Delimited ? "\"" + n.Text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : n.Text;

    public static string Print(AdqlExpr e) => e switch
    {
        IntegerLiteral i => i.Value.ToString(CultureInfo.InvariantCulture),
        RealLiteral r => Real(r.Value),
        StringLiteral s => "'" + s.Value.Replace("'", "''", StringComparison.Ordinal) + "'",
        ColumnRef c => (c.Schema is { } s ? Print(s) + "." : "") + (c.Table is { } t ? Print(t) + "." : "") + Print(c.Column),
        Negate n => "(-" + Print(n.Operand) + ")",
        Binary b => "(" + Print(b.Left) + " " + b.Operator + " " + Print(b.Right) + ")",
        Compare c => "(" + Print(c.Left) + " " + c.Operator + " " + Print(c.Right) + ")",
        Logical l => "(" + Print(l.Left) + (l.IsAnd ? " AND " : " OR ") + Print(l.Right) + ")",
        Not n => "(NOT " + Print(n.Operand) + ")",
        Between b => "(" + Print(b.Value) + (b.Negated ? " NOT" : "") + " BETWEEN " + Print(b.Low) + " AND " + Print(b.High) + ")",
        Like l => "(" + Print(l.Value) + (l.Negated ? " NOT" : "") + (l.IgnoreCase ? " ILIKE " : " LIKE ") + Print(l.Pattern) + ")",
        InList i => "(" + Print(i.Value) + (i.Negated ? " NOT" : "") + " IN (" + string.Join(", ", i.Items.Select(Print)) + "))",
        InQuery i => "(" + Print(i.Value) + (i.Negated ? " NOT" : "") + " IN (" + Print(i.Query) + "))",
        Exists x => "EXISTS (" + Print(x.Query) + ")",
        IsNull n => "(" + Print(n.Value) + (n.Negated ? " IS NOT NULL)" : " IS NULL)"),
        Call { Function: "COUNT", Arguments.Count: 0 } => "COUNT(*)",
        Call c => c.Function + "(" + (c.Distinct ? "DISTINCT " : "") + string.Join(", ", c.Arguments.Select(Print)) + ")",
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    /// <summary>Round-trip text that the lexer reads as a real (a point or an exponent is always there).</summary>
    private static string Real(double v)
    {
        var text = v.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }
}
