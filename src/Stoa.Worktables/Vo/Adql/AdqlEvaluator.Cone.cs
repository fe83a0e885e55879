namespace Stoa.Worktables.Vo.Adql;

internal sealed partial class AdqlEvaluator
{
    /// <summary>
    /// The rows of a one-table query read through the table's sky index, when its WHERE requires
    /// <c>CONTAINS(POINT(…, ra, dec), CIRCLE(…, ra0, dec0, r)) = 1</c> (one conjunct of the ANDs) with columns of the
    /// table in the point and constants in the circle; else null. The WHERE is still evaluated on every row given,
    /// so this only decides which rows are read.
    /// </summary>
    private IEnumerable<object?[]>? IndexedRows(AdqlQuery q)
    {
        if (q.From is not [TableRef] || q.Where is not { } where || _scope[0].Table.Cone is not { } cone)
        {
            return null;
        }

        foreach (var conjunct in Conjuncts(where))
        {
            if (ConeOf(conjunct) is var (ra, dec, ra0, dec0, radius)
                && cone(_scope[0].Table.Columns[_slots[ra]].Name, _scope[0].Table.Columns[_slots[dec]].Name, ra0, dec0, radius) is { } rows)
            {
                return rows;
            }
        }

        return null;
    }

    private static IEnumerable<AdqlExpr> Conjuncts(AdqlExpr e) =>
        e is Logical { IsAnd: true } and ? Conjuncts(and.Left).Concat(Conjuncts(and.Right)) : [e];

    private static (ColumnRef Ra, ColumnRef Dec, double Ra0, double Dec0, double Radius)? ConeOf(AdqlExpr e)
    {
        var contains = e switch
        {
            Compare { Operator: "=", Left: Call { Function: "CONTAINS" } c, Right: IntegerLiteral { Value: 1 } } => c,
            Compare { Operator: "=", Left: IntegerLiteral { Value: 1 }, Right: Call { Function: "CONTAINS" } c } => c,
            _ => null,
        };
        if (contains?.Arguments is not [Call { Function: "POINT" } point, Call { Function: "CIRCLE" } circle]
            || WithoutSystem(point.Arguments) is not [ColumnRef ra, ColumnRef dec])
        {
            return null;
        }

        var numbers = WithoutSystem(circle.Arguments) switch
        {
            [Call { Function: "POINT" } centre, var r] when WithoutSystem(centre.Arguments) is [var a, var d] => new[] { Constant(a), Constant(d), Constant(r) },
            [var a, var d, var r] => [Constant(a), Constant(d), Constant(r)],
            _ => [],
        };
        return numbers is [double ra0, double dec0, double radius] && dec0 is >= -90 and <= 90 && radius >= 0
            ? (ra, dec, ra0, dec0, radius)
            : null;
    }

    private static AdqlExpr[] WithoutSystem(IReadOnlyList<AdqlExpr> args) => args is [StringLiteral, ..] ? [.. args.Skip(1)] : [.. args];

    private static double? Constant(AdqlExpr e) => e switch
    {
        IntegerLiteral i => i.Value,
        RealLiteral r => r.Value,
        Negate { Operand: var o } => -Constant(o),
        _ => null,
    };
}
