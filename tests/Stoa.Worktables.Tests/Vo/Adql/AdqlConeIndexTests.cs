using Stoa.Worktables.Export;
using Stoa.Worktables.Vo.Adql;

namespace Stoa.Worktables.Tests.Vo.Adql;

/// <summary>
/// Which queries read a table through its sky index: a table whose full scan throws, with a cone reader that
/// gives three rows (one outside the circle, which the exact test must still drop) and records what it was asked.
/// </summary>
public sealed class AdqlConeIndexTests
{
    private static (AdqlTable Table, List<(string Ra, string Dec, double Ra0, double Dec0, double R)> Asked) Table()
    {
        var asked = new List<(string, string, double, double, double)>();
        object?[][] near = [["a", 10.0, 20.0], ["b", 10.05, 20.0], ["far", 50.0, 20.0]];
        var table = new AdqlTable("public", "sky",
            [new AdqlColumn("name", ExportKind.Text), new AdqlColumn("ra", ExportKind.Double), new AdqlColumn("dec", ExportKind.Double)],
            FullScan)
        {
            Cone = (ra, dec, ra0, dec0, r) =>
            {
                asked.Add((ra, dec, ra0, dec0, r));
                return near;
            },
        };
        return (table, asked);
    }

    private static IEnumerable<object?[]> FullScan()
    {
        yield return ["only", 0.0, 0.0];
        throw new InvalidOperationException("full scan");
    }

    private static List<string> Names(AdqlTable table, string adql) =>
        [.. AdqlEvaluator.Run(AdqlParser.Parse(adql), _ => table, 1000).Rows.Select(r => (string)r[0]!)];

    [Theory]
    [InlineData("SELECT name FROM sky WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, 0.1)) = 1", 10, 20, 0.1)]
    [InlineData("SELECT name FROM sky AS s WHERE s.name <> 'x' AND 1 = CONTAINS(POINT(s.ra, s.dec), CIRCLE(POINT(10, 20), 0.1))", 10, 20, 0.1)]
    [InlineData("SELECT name FROM sky WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10.0, -(-20), 1E-1)) = 1 ORDER BY name", 10, 20, 0.1)]
    public void A_Cone_In_The_Where_Reads_Through_The_Index(string adql, double ra0, double dec0, double r)
    {
        var (table, asked) = Table();
        Assert.Equal(["a", "b"], Names(table, adql));
        Assert.Equal([("ra", "dec", ra0, dec0, r)], asked);
    }

    [Theory]
    [InlineData("SELECT name FROM sky WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, 0.1)) = 1 OR name = 'far'")]
    [InlineData("SELECT name FROM sky WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', ra, 20, 0.1)) = 1")]
    [InlineData("SELECT name FROM sky WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, 0.1)) = 0")]
    [InlineData("SELECT name FROM sky WHERE NOT CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, 0.1)) = 1")]
    [InlineData("SELECT name FROM sky WHERE CONTAINS(POINT('ICRS', dec + 0, ra), CIRCLE('ICRS', 10, 20, 0.1)) = 1")]
    public void Anything_Else_Scans_The_Table(string adql)
    {
        var (table, asked) = Table();
        var e = Assert.Throws<InvalidOperationException>(() => Names(table, adql));
        Assert.Equal("full scan", e.Message);
        Assert.Empty(asked);
    }
}
