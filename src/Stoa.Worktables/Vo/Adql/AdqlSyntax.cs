using System.Collections;

namespace Stoa.Worktables.Vo.Adql;

/// <summary>A list compared by its elements, so that syntax trees compare by value (the print/parse property).</summary>
internal sealed class Seq<T>(IReadOnlyList<T> items) : IReadOnlyList<T>, IEquatable<Seq<T>>
{
    public static readonly Seq<T> Empty = new([]);

    public int Count => items.Count;

    public T this[int index] => items[index];

    public bool Equals(Seq<T>? other) => other is not null && items.SequenceEqual(other);

    public override bool Equals(object? obj) => Equals(obj as Seq<T>);

    public override int GetHashCode() => items.Count;

    public IEnumerator<T> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A name as written: a regular identifier (compared without case) or a delimited one (with case).</summary>
internal sealed record Name(string Text, bool Delimited)
{
    public bool Matches(string other) =>
        Delimited ? Text.Equals(other, StringComparison.Ordinal) : Text.Equals(other, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A parsed <c>SELECT</c> (ADQL 2.1 §2.2).</summary>
internal sealed record AdqlQuery(
    bool Distinct,
    long? Top,
    Seq<SelectItem> Select,
    Seq<FromItem> From,
    AdqlExpr? Where,
    Seq<AdqlExpr> GroupBy,
    AdqlExpr? Having,
    Seq<OrderItem> OrderBy,
    long? Offset);

/// <summary>One item of the select list.</summary>
internal abstract record SelectItem;

/// <summary><c>*</c> or <c>t.*</c>.</summary>
internal sealed record SelectAll(Name? Qualifier) : SelectItem;

/// <summary>A value with an optional <c>AS</c> name.</summary>
internal sealed record SelectValue(AdqlExpr Value, Name? Alias) : SelectItem;

/// <summary>One <c>ORDER BY</c> key.</summary>
internal sealed record OrderItem(AdqlExpr Key, bool Descending);

/// <summary>An item of the <c>FROM</c> clause.</summary>
internal abstract record FromItem;

/// <summary>A table, optionally in a schema, with an optional alias.</summary>
internal sealed record TableRef(Name? Schema, Name Table, Name? Alias) : FromItem;

/// <summary>
/// <c>left [NATURAL] [INNER|LEFT OUTER] JOIN right [ON condition | USING (columns)]</c>: exactly one of
/// <see cref="On"/>, <see cref="Using"/> or <see cref="Natural"/> (ADQL 2.1 §2.2.3).
/// </summary>
internal sealed record JoinRef(FromItem Left, FromItem Right, bool LeftOuter, AdqlExpr? On, Seq<Name>? Using = null, bool Natural = false) : FromItem;

/// <summary>A derived table: <c>(SELECT …) AS alias</c> (the alias is required).</summary>
internal sealed record DerivedTable(AdqlQuery Query, Name Alias) : FromItem;

/// <summary>A value expression or a condition (ADQL keeps them apart; one tree with types checked when evaluated).</summary>
internal abstract record AdqlExpr;

/// <summary>An unsigned integer literal.</summary>
internal sealed record IntegerLiteral(long Value) : AdqlExpr;

/// <summary>An unsigned real literal.</summary>
internal sealed record RealLiteral(double Value) : AdqlExpr;

/// <summary>A string literal.</summary>
internal sealed record StringLiteral(string Value) : AdqlExpr;

/// <summary>A column, optionally qualified by a table (its alias, or name, possibly schema-qualified).</summary>
internal sealed record ColumnRef(Name? Schema, Name? Table, Name Column) : AdqlExpr;

/// <summary><c>-x</c> or <c>+x</c>.</summary>
internal sealed record Negate(AdqlExpr Operand) : AdqlExpr;

/// <summary>Arithmetic (<c>+ - * /</c>) or concatenation (<c>||</c>).</summary>
internal sealed record Binary(string Operator, AdqlExpr Left, AdqlExpr Right) : AdqlExpr;

/// <summary>A comparison: <c>= &lt;&gt; &lt; &lt;= &gt; &gt;=</c>.</summary>
internal sealed record Compare(string Operator, AdqlExpr Left, AdqlExpr Right) : AdqlExpr;

/// <summary><c>AND</c> / <c>OR</c>.</summary>
internal sealed record Logical(bool IsAnd, AdqlExpr Left, AdqlExpr Right) : AdqlExpr;

/// <summary><c>NOT condition</c>.</summary>
internal sealed record Not(AdqlExpr Operand) : AdqlExpr;

/// <summary><c>x [NOT] BETWEEN low AND high</c>.</summary>
internal sealed record Between(AdqlExpr Value, AdqlExpr Low, AdqlExpr High, bool Negated) : AdqlExpr;

/// <summary><c>x [NOT] LIKE pattern</c>, or <c>ILIKE</c> (ADQL 2.1: case ignored) when <see cref="IgnoreCase"/>.</summary>
internal sealed record Like(AdqlExpr Value, AdqlExpr Pattern, bool Negated, bool IgnoreCase = false) : AdqlExpr;

/// <summary><c>x [NOT] IN (a, b, …)</c>.</summary>
internal sealed record InList(AdqlExpr Value, Seq<AdqlExpr> Items, bool Negated) : AdqlExpr;

/// <summary><c>x [NOT] IN (SELECT …)</c>: the subquery gives one column.</summary>
internal sealed record InQuery(AdqlExpr Value, AdqlQuery Query, bool Negated) : AdqlExpr;

/// <summary><c>EXISTS (SELECT …)</c>.</summary>
internal sealed record Exists(AdqlQuery Query) : AdqlExpr;

/// <summary><c>x IS [NOT] NULL</c>.</summary>
internal sealed record IsNull(AdqlExpr Value, bool Negated) : AdqlExpr;

/// <summary>
/// A function call: math, string, geometry (<c>POINT</c>, <c>CIRCLE</c>, <c>CONTAINS</c>…) or an aggregate
/// (<c>COUNT MIN MAX AVG SUM</c>, with <see cref="Distinct"/>). <c>COUNT(*)</c> has no arguments. Names upper case.
/// </summary>
internal sealed record Call(string Function, Seq<AdqlExpr> Arguments, bool Distinct = false) : AdqlExpr
{
    public static readonly HashSet<string> Aggregates = new(StringComparer.Ordinal) { "COUNT", "MIN", "MAX", "AVG", "SUM" };

    public bool IsAggregate => Aggregates.Contains(Function);
}
