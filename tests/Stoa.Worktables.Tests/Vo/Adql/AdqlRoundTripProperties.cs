using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stoa.Worktables.Vo.Adql;

namespace Stoa.Worktables.Tests.Vo.Adql;

/// <summary>Printing a generated syntax tree and parsing the text gives the same tree (the printer and parser agree).</summary>
public sealed class AdqlRoundTripProperties
{
    private static readonly string[] Words = ["ra", "dec", "mag", "t", "name", "x1", "Flux_2"];
    private static readonly string[] Odd = ["select", "a b", "Ra", "quo\"te", "ünï"];

    private static Gen<Name> NameGen =>
        Gen.OneOf(Gen.Elements(Words).Select(w => new Name(w, false)), Gen.Elements(Odd).Select(w => new Name(w, true)));

    private static Gen<AdqlExpr> Leaf => Gen.OneOf(
        Gen.Choose(0, 1000).Select(i => (AdqlExpr)new IntegerLiteral(i)),
        Gen.Choose(0, 100000).Select(i => (AdqlExpr)new RealLiteral(i / 64.0)),
        Gen.Elements("", "a", "it's", "100%").Select(s => (AdqlExpr)new StringLiteral(s)),
        NameGen.Select(n => (AdqlExpr)new ColumnRef(null, null, n)),
        Gen.Zip(NameGen, NameGen).Select(p => (AdqlExpr)new ColumnRef(null, p.Item1, p.Item2)));

    private static Gen<AdqlExpr> Expr(int depth)
    {
        if (depth == 0)
        {
            return Leaf;
        }

        var sub = Expr(depth - 1);
        var two = Gen.Zip(sub, sub);
        return Gen.OneOf(
            Leaf,
            sub.Select(e => (AdqlExpr)new Negate(e)),
            Gen.Zip(Gen.Elements("+", "-", "*", "/", "||"), two).Select(p => (AdqlExpr)new Binary(p.Item1, p.Item2.Item1, p.Item2.Item2)),
            Gen.Zip(Gen.Elements("=", "<>", "<", "<=", ">", ">="), two).Select(p => (AdqlExpr)new Compare(p.Item1, p.Item2.Item1, p.Item2.Item2)),
            Gen.Zip(Gen.Elements(true, false), two).Select(p => (AdqlExpr)new Logical(p.Item1, p.Item2.Item1, p.Item2.Item2)),
            sub.Select(e => (AdqlExpr)new Not(e)),
            Gen.Zip(Gen.Zip(sub, two), Gen.Elements(true, false)).Select(p => (AdqlExpr)new Between(p.Item1.Item1, p.Item1.Item2.Item1, p.Item1.Item2.Item2, p.Item2)),
            Gen.Zip(two, Gen.Zip(Gen.Elements(true, false), Gen.Elements(true, false))).Select(p => (AdqlExpr)new Like(p.Item1.Item1, p.Item1.Item2, p.Item2.Item1, p.Item2.Item2)),
            Zip3(sub, Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(sub, n)), Gen.Elements(true, false)).Select(p => (AdqlExpr)new InList(p.Item1, new(p.Item2), p.Item3)),
            Gen.Zip(sub, Gen.Elements(true, false)).Select(p => (AdqlExpr)new IsNull(p.Item1, p.Item2)),
            Zip3(sub, SimpleQuery, Gen.Elements(true, false)).Select(p => (AdqlExpr)new InQuery(p.Item1, p.Item2, p.Item3)),
            SimpleQuery.Select(q => (AdqlExpr)new Exists(q)),
            Gen.Zip(Gen.Elements("ABS", "SQRT", "LOWER", "COORD1"), sub).Select(p => (AdqlExpr)new Call(p.Item1, new([p.Item2]))),
            Gen.Zip(Gen.Elements("POWER", "ATAN2", "MOD", "CONTAINS", "DISTANCE"), two).Select(p => (AdqlExpr)new Call(p.Item1, new([p.Item2.Item1, p.Item2.Item2]))),
            Gen.Zip(sub, two).Select(p => (AdqlExpr)new Call("CIRCLE", new([new StringLiteral("ICRS"), p.Item1, p.Item2.Item1, p.Item2.Item2]))),
            Zip3(Gen.Elements("COUNT", "MIN", "MAX", "AVG", "SUM"), sub, Gen.Elements(true, false)).Select(p => (AdqlExpr)new Call(p.Item1, new([p.Item2]), p.Item3)),
            Gen.Constant((AdqlExpr)new Call("COUNT", Seq<AdqlExpr>.Empty)));
    }

    private static Gen<(T1, T2, T3)> Zip3<T1, T2, T3>(Gen<T1> a, Gen<T2> b, Gen<T3> c) =>
        Gen.Zip(a, Gen.Zip(b, c)).Select(p => (p.Item1, p.Item2.Item1, p.Item2.Item2));

    private static Gen<AdqlQuery> Query => Zip3(
            Gen.Zip(Gen.Elements(true, false), Gen.Elements<long?>(null, 0, 10)),
            Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(Gen.OneOf(
                Gen.Constant((SelectItem)new SelectAll(null)),
                Gen.Zip(Expr(2), Gen.OneOf(Gen.Constant<Name?>(null), NameGen.Select(n => (Name?)n))).Select(p => (SelectItem)new SelectValue(p.Item1, p.Item2))), n)),
            Gen.Choose(1, 2).SelectMany(n => Gen.ArrayOf(From, n)))
        .SelectMany(head => Gen.Zip(
            Zip3(
                Gen.OneOf(Gen.Constant<AdqlExpr?>(null), Expr(3).Select(e => (AdqlExpr?)e)),
                Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(Expr(1), n)),
                Gen.OneOf(Gen.Constant<AdqlExpr?>(null), Expr(2).Select(e => (AdqlExpr?)e))),
            Gen.Choose(0, 2).SelectMany(n => Gen.ArrayOf(Gen.Zip(Expr(1), Gen.Elements(true, false)).Select(p => new OrderItem(p.Item1, p.Item2)), n)))
        .SelectMany(tail => Gen.Elements<long?>(null, 0, 7).Select(offset => new AdqlQuery(
            head.Item1.Item1, head.Item1.Item2, new(head.Item2), new(head.Item3),
            tail.Item1.Item1, new(tail.Item1.Item2), tail.Item1.Item3, new(tail.Item2), offset))));

    private static Gen<FromItem> From => Gen.OneOf(
        Table,
        Gen.Zip(SimpleQuery, NameGen).Select(p => (FromItem)new DerivedTable(p.Item1, p.Item2)),
        Zip3(Table, Table, Gen.Zip(Gen.Elements(true, false), Expr(2))).Select(p => (FromItem)new JoinRef(p.Item1, p.Item2, p.Item3.Item1, p.Item3.Item2)),
        Zip3(Table, Table, Gen.Zip(Gen.Elements(true, false), Gen.Choose(1, 3).SelectMany(n => Gen.ArrayOf(NameGen, n))))
            .Select(p => (FromItem)new JoinRef(p.Item1, p.Item2, p.Item3.Item1, null, new(p.Item3.Item2))),
        Zip3(Table, Table, Gen.Elements(true, false)).Select(p => (FromItem)new JoinRef(p.Item1, p.Item2, p.Item3, null, null, Natural: true)));

    /// <summary>A one-column, one-table query: what IN, EXISTS and derived tables are generated with.</summary>
    private static Gen<AdqlQuery> SimpleQuery => Zip3(NameGen, Table, Gen.Elements<long?>(null, 5))
        .Select(p => new AdqlQuery(false, p.Item3, new([new SelectValue(new ColumnRef(null, null, p.Item1), null)]), new([p.Item2]),
            null, Seq<AdqlExpr>.Empty, null, Seq<OrderItem>.Empty, null));

    private static Gen<FromItem> Table => Zip3(
            Gen.OneOf(Gen.Constant<Name?>(null), Gen.Constant<Name?>(new Name("TAP_SCHEMA", false))),
            NameGen,
            Gen.OneOf(Gen.Constant<Name?>(null), NameGen.Select(n => (Name?)n)))
        .Select(p => (FromItem)new TableRef(p.Item1, p.Item2, p.Item3));

    [Property(MaxTest = 300)]
    public Property Print_Then_Parse_Meets_Specification() =>
        Prop.ForAll(Query.ToArbitrary(), query => AdqlParser.Parse(AdqlPrinter.Print(query)).Equals(query));
}
