using Stoa.Worktables.Vo.Adql;

namespace Stoa.Worktables.Tests.Vo.Adql;

/// <summary>
/// The parser over a table of valid queries (each must parse, and its printed form must parse to the same tree) and
/// of invalid ones (each must be refused with the line and column of the offending token and a message that says why).
/// </summary>
public sealed class AdqlParserTests
{
    public static TheoryData<string> Valid => new()
    {
        "SELECT * FROM t",
        "select all a, b from t",
        "SELECT DISTINCT TOP 10 a AS x, t.b \"Y\" FROM public.t AS s",
        "SELECT t.* FROM t",
        "SELECT a FROM t WHERE a = 1 AND b <> 2 OR NOT c < 3.5e-2",
        "SELECT a FROM t WHERE a != 1",
        "SELECT a FROM t WHERE a BETWEEN 1 AND 2 AND b NOT BETWEEN -1 AND +1",
        "SELECT a FROM t WHERE name LIKE 'M%' AND name NOT LIKE '_x''y'",
        "SELECT a FROM t WHERE name ILIKE 'm%' AND name NOT ILIKE '_X%'",
        "SELECT a FROM t WHERE a IN (1, 2, 3) AND b NOT IN ('x')",
        "SELECT a FROM t WHERE a IS NULL OR b IS NOT NULL",
        "SELECT a + b * c - d / e, -a, (a + b) * c, 'x' || name FROM t",
        "SELECT ABS(a), SQRT(POWER(a, 2)), ROUND(a, 2), PI(), MOD(a, 3), LOG10(a) FROM t",
        "SELECT COUNT(*), COUNT(DISTINCT a), MIN(a), MAX(a), AVG(a), SUM(a) FROM t GROUP BY b HAVING COUNT(*) > 1",
        "SELECT a FROM t ORDER BY a DESC, b ASC, 1 OFFSET 5",
        "SELECT * FROM t WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10.5, -20, 0.1)) = 1",
        "SELECT DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', 1, 2)) AS d FROM t",
        "SELECT * FROM t WHERE 1 = CONTAINS(POINT(ra, dec), BOX(10, 20, 1, 2))",
        "SELECT * FROM t WHERE CONTAINS(POINT(ra, dec), POLYGON(0, 0, 1, 0, 1, 1)) = 1",
        "SELECT a.x, b.y FROM t AS a JOIN u AS b ON a.id = b.id",
        "SELECT a.x FROM t a LEFT OUTER JOIN u b ON a.id = b.id INNER JOIN v c ON c.id = a.id",
        "SELECT a.x FROM t a, u b WHERE a.id = b.id",
        "SELECT \"select\", \"a\"\"b\" FROM \"My Table\"",
        "SELECT table_name FROM TAP_SCHEMA.tables",
        "SELECT a -- a comment\nFROM t -- another\n",
        "SELECT .5, 1., 1e3, 2E+2 FROM t",
        "SELECT * FROM t JOIN u USING (id)",
        "SELECT id, x FROM t AS a LEFT OUTER JOIN u AS b USING (id, \"Run\")",
        "SELECT * FROM t NATURAL JOIN u NATURAL LEFT JOIN v",
        "SELECT * FROM t NATURAL INNER JOIN u",
        "SELECT a FROM t WHERE a IN (SELECT b FROM u WHERE b > 1) AND c NOT IN (SELECT TOP 3 c FROM v)",
        "SELECT a FROM t WHERE EXISTS (SELECT * FROM u) OR NOT EXISTS (SELECT b FROM u WHERE b = 2)",
        "SELECT d.n FROM (SELECT COUNT(*) AS n FROM t GROUP BY b) AS d WHERE d.n > 1",
        "SELECT x.a FROM (SELECT a FROM t) x JOIN u USING (a)",
    };

    public static TheoryData<string, int, int, string> Invalid => new()
    {
        { "", 1, 1, "expected SELECT" },
        { "SELECT FROM t", 1, 8, "reserved word FROM" },
        { "SELECT a FROM", 1, 14, "expected a table name, found the end" },
        { "SELECT a\nFROM t\nWHERE", 3, 6, "expected a value" },
        { "SELECT a FROM t WHERE a = ", 1, 27, "expected a value" },
        { "SELECT a FROM t WHERE a NOT 3", 1, 29, "expected BETWEEN, LIKE, ILIKE or IN after NOT" },
        { "SELECT a FROM t WHERE name = 'open", 1, 30, "string literal is not closed" },
        { "SELECT a FROM t WHERE a = 1 #", 1, 29, "unexpected character '#'" },
        { "SELECT TOP x a FROM t", 1, 12, "TOP needs an unsigned integer" },
        { "SELECT a FROM t ORDER a", 1, 23, "expected BY" },
        { "SELECT a FROM t t2 t3", 1, 20, "expected the end of the query" },
        { "SELECT SQRT(1, 2) FROM t", 1, 8, "SQRT takes 1 argument(s), not 2" },
        { "SELECT a FROM t WHERE a = 1e", 1, 27, "exponent" },
        { "SELECT 12abc FROM t", 1, 8, "neither a number nor a name" },
        { "SELECT a FROM t WHERE a IN ()", 1, 29, "expected a value" },
        { "SELECT \"\" FROM t", 1, 8, "delimited identifier is empty" },
        { "SELECT a FROM t LEFT u ON 1 = 1", 1, 22, "expected JOIN" },
        { "SELECT a FROM t\n  WHERE (a = 1", 2, 15, "expected ')'" },
        { "SELECT a FROM t WHERE a = 99999999999999999999", 1, 27, "too large" },
        { "SELECT a FROM t JOIN u", 1, 23, "expected ON or USING" },
        { "SELECT a FROM t JOIN u USING id", 1, 30, "expected '('" },
        { "SELECT a FROM t JOIN u USING ()", 1, 31, "expected a column name in USING" },
        { "SELECT a FROM t NATURAL u", 1, 25, "expected JOIN" },
        { "SELECT a FROM (SELECT a FROM t)", 1, 32, "an alias for the derived table" },
        { "SELECT a FROM (t)", 1, 16, "expected SELECT (a derived table)" },
        { "SELECT a FROM t WHERE a IN (SELECT b FROM u", 1, 44, "expected ')'" },
        { "SELECT a FROM t WHERE a = (SELECT MAX(b) FROM u)", 1, 28, "a subquery as a value is not supported" },
        { "SELECT a FROM t WHERE EXISTS u", 1, 30, "expected '('" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_Query_Parses_And_Its_Print_Parses_To_The_Same_Tree(string query)
    {
        var tree = AdqlParser.Parse(query);

        var printed = AdqlPrinter.Print(tree);

        Assert.Equal(tree, AdqlParser.Parse(printed));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_Query_Is_Refused_With_Line_And_Column(string query, int line, int column, string message)
    {
        var e = Assert.Throws<AdqlException>(() => AdqlParser.Parse(query));

        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.StartsWith($"line {line}, column {column}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Operators_Bind_As_Sql_Does()
    {
        var tree = AdqlParser.Parse("SELECT a FROM t WHERE NOT a = 1 + 2 * 3 OR b = 1 AND c = 2");

        Assert.Equal(
            "SELECT a FROM t WHERE ((NOT (a = (1 + (2 * 3)))) OR ((b = 1) AND (c = 2)))",
            AdqlPrinter.Print(tree));
    }
}
