using System.Globalization;
using System.Text;
using Stoa.Worktables.Access;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;
using Stoa.Worktables.Search;
using Stoa.Worktables.Tests.Fixtures;
using Stoa.Worktables.Vo;
using Stoa.Worktables.Vo.Adql;
using Stoa.Worktables.Vo.Tap;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Tests.Vo;

/// <summary>Publishing (roles, audit) and ADQL queries over published tables, checked against answers computed here.</summary>
public sealed class VoServiceTests
{
    /// <summary>A table 'stars' owned by olga (Reader rita) with a seeded random sky of 400 rows, some without magnitude.</summary>
    private static (UserWorktable Owner, List<(string Name, double Ra, double Dec, double? Mag)> Rows) Stars(ScratchProject s, string name = "stars")
    {
        s.Project.AddUser("olga");
        s.Project.AddUser("rita");
        var t = s.Project.CreateTableAs("olga", name, WorkflowDefinition.FromColumns(name,
            [
                ColumnDefinition.Input("name", ColumnType.String),
                ColumnDefinition.Input("ra", ColumnType.Double) with { Unit = "deg", Ucd = "pos.eq.ra;meta.main" },
                ColumnDefinition.Input("dec", ColumnType.Double) with { Unit = "deg", Ucd = "pos.eq.dec;meta.main" },
                ColumnDefinition.Input("mag", ColumnType.Double.AsOptional()) with { Unit = "mag", Description = "V magnitude" },
            ], [], name));
        t.Grant("rita", WorktableRole.Reader);
        var random = new Random(19);
        var rows = Enumerable.Range(0, 400).Select(i => (
            Name: $"s{i:D3}",
            Ra: random.NextDouble() * 360,
            Dec: (Math.Asin((2 * random.NextDouble()) - 1) * 180 / Math.PI),
            Mag: i % 7 == 0 ? (double?)null : Math.Round(10 + (random.NextDouble() * 8), 2))).ToList();
        // A cluster near (10, 20) so that small cones have answers.
        rows.AddRange(Enumerable.Range(0, 30).Select(i => ($"c{i:D2}", 10 + ((i % 6) - 3) * 0.02, 20 + ((i / 6) - 2) * 0.02, (double?)(12 + (i * 0.1)))));
        t.AddRows(rows.Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["name"] = r.Name, ["ra"] = r.Ra, ["dec"] = r.Dec, ["mag"] = r.Mag }));
        return (t, rows);
    }

    private static List<string[]> Csv(VoService vo, string adql, long? maxRec = null)
    {
        using var buffer = new MemoryStream();
        vo.Query(adql, buffer, new TapQueryOptions { Format = TapFormat.Csv, MaxRec = maxRec });
        var lines = Encoding.UTF8.GetString(buffer.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        return [.. lines.Select(l => l.Split(','))];
    }

    [Fact]
    public void Only_An_Owner_Publishes_And_Every_Attempt_Is_Audited()
    {
        using var s = new ScratchProject();
        var (owner, _) = Stars(s);
        var reader = s.Project.OpenTableAs("rita", "stars");

        Assert.Throws<AccessDeniedException>(() => reader.Publish());
        Assert.Equal("sky", owner.Publish("sky"));
        Assert.Throws<AccessDeniedException>(() => reader.Withdraw());

        Assert.Equal("sky", reader.PublishedName);
        var log = s.Project.AuditLog("stars").Where(e => e.Operation == WorktableOperation.Publish).ToList();
        Assert.Equal([(false, "rita"), (true, "olga"), (false, "rita")], log.Select(e => (e.Allowed, e.User)));
        Assert.Equal("published as sky", log[1].Detail);
        Assert.True(owner.Withdraw());
        Assert.False(owner.Withdraw());
        Assert.Null(owner.PublishedName);
    }

    [Theory]
    [InlineData("select")]
    [InlineData("TAP_SCHEMA")]
    [InlineData("2mass")]
    [InlineData("my table")]
    public void A_Name_That_Is_Not_An_Adql_Table_Name_Is_Refused(string name)
    {
        using var s = new ScratchProject();
        var (owner, _) = Stars(s);

        var e = Assert.Throws<WorktableException>(() => owner.Publish(name));

        Assert.Contains("cannot be an ADQL table name", e.Message, StringComparison.Ordinal);
        Assert.Null(owner.PublishedName);
    }

    [Fact]
    public void Two_Tables_Cannot_Share_A_Published_Name_In_Any_Case()
    {
        using var s = new ScratchProject();
        var (owner, _) = Stars(s);
        owner.Publish("sky");
        var other = s.Project.CreateTableAs("olga", "other", ScratchProject.Doubler("o"));

        var e = Assert.Throws<WorktableException>(() => other.Publish("SKY"));

        Assert.Contains("already published as 'SKY'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unpublished_Tables_Are_Answered_As_Missing()
    {
        using var s = new ScratchProject();
        var (owner, _) = Stars(s);
        var vo = new VoService(s.Project);

        var e = Assert.Throws<AdqlException>(() => Csv(vo, "SELECT * FROM stars"));
        Assert.Contains("no published table stars", e.Message, StringComparison.Ordinal);
        Assert.Empty(Csv(vo, "SELECT table_name FROM TAP_SCHEMA.tables WHERE table_name = 'stars'").Skip(1));
        Assert.Throws<WorktableException>(() => vo.ConeSearch("stars", new MemoryStream(), 10, 20, 1));

        owner.Publish();
        owner.SetFlag(owner.Rows().First().RowId, "suspect");
        Assert.Equal(["name", "ra", "dec", "mag"], Csv(vo, "SELECT TOP 1 * FROM stars")[0]);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(5)]
    [InlineData(40)]
    public void Cone_Predicate_Returns_Exactly_The_Rows_Within_The_Great_Circle_Radius(double radius)
    {
        using var s = new ScratchProject();
        var (owner, rows) = Stars(s);
        owner.Publish();
        var vo = new VoService(s.Project);

        var got = Csv(vo, FormattableString.Invariant(
            $"SELECT name FROM stars WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, {radius})) = 1 ORDER BY name"));

        var expected = rows.Where(r => SkyDistance.Degrees(10, 20, r.Ra, r.Dec) <= radius).Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, got.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public void Range_Top_Order_And_Aggregates_Agree_With_The_Rows()
    {
        using var s = new ScratchProject();
        var (owner, rows) = Stars(s);
        owner.Publish();
        var vo = new VoService(s.Project);

        var top = Csv(vo, "SELECT TOP 5 name, mag FROM stars WHERE mag BETWEEN 11 AND 12 AND name LIKE 's%' ORDER BY mag DESC, name");
        var expected = rows.Where(r => r.Mag is >= 11 and <= 12 && r.Name.StartsWith('s'))
            .OrderByDescending(r => r.Mag).ThenBy(r => r.Name, StringComparer.Ordinal).Take(5).Select(r => r.Name);
        Assert.Equal(expected, top.Skip(1).Select(r => r[0]));

        var stats = Csv(vo, "SELECT COUNT(*) AS n, COUNT(mag) AS m, MIN(mag), MAX(mag), SUM(mag) FROM stars WHERE dec > 0")[1];
        var north = rows.Where(r => r.Dec > 0).ToList();
        Assert.Equal(north.Count.ToString(CultureInfo.InvariantCulture), stats[0]);
        Assert.Equal(north.Count(r => r.Mag is not null).ToString(CultureInfo.InvariantCulture), stats[1]);
        Assert.Equal(north.Min(r => r.Mag)!.Value, double.Parse(stats[2], CultureInfo.InvariantCulture));
        Assert.Equal(north.Max(r => r.Mag)!.Value, double.Parse(stats[3], CultureInfo.InvariantCulture));
        Assert.Equal(north.Sum(r => r.Mag ?? 0), double.Parse(stats[4], CultureInfo.InvariantCulture), 1e-9);

        var groups = Csv(vo, "SELECT FLOOR(mag) AS bin, COUNT(*) AS n FROM stars WHERE mag IS NOT NULL GROUP BY FLOOR(mag) HAVING COUNT(*) > 30 ORDER BY bin");
        var expectedGroups = rows.Where(r => r.Mag is not null).GroupBy(r => Math.Floor(r.Mag!.Value)).Where(g => g.Count() > 30).OrderBy(g => g.Key)
            .Select(g => $"{g.Key.ToString(CultureInfo.InvariantCulture)}:{g.Count()}");
        Assert.Equal(expectedGroups, groups.Skip(1).Select(r => $"{r[0]}:{r[1]}"));
    }

    [Fact]
    public void A_Join_Of_Two_Published_Tables_Matches_Pairs()
    {
        using var s = new ScratchProject();
        var (owner, rows) = Stars(s);
        owner.Publish();
        var other = s.Project.CreateTableAs("olga", "ids", WorkflowDefinition.FromColumns("ids",
            [ColumnDefinition.Input("star", ColumnType.String), ColumnDefinition.Input("label", ColumnType.String)], [], "ids"));
        other.AddRows([.. rows.Take(12).Where((_, i) => i % 3 == 0).Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["star"] = r.Name, ["label"] = "L" + r.Name })]);
        other.Publish();
        var vo = new VoService(s.Project);

        var got = Csv(vo, "SELECT s.name, i.label, s.ra FROM stars AS s JOIN ids AS i ON s.name = i.star ORDER BY s.name");

        Assert.Equal(["name", "label", "ra"], got[0]);
        Assert.Equal(rows.Take(12).Where((_, i) => i % 3 == 0).Select(r => $"{r.Name} L{r.Name}"), got.Skip(1).Select(r => $"{r[0]} {r[1]}"));
    }

    [Fact]
    public void Maxrec_Cuts_The_Result_And_Says_Overflow()
    {
        using var s = new ScratchProject();
        var (owner, _) = Stars(s);
        owner.Publish();
        var vo = new VoService(s.Project);

        using var buffer = new MemoryStream();
        Assert.True(vo.Query("SELECT name FROM stars", buffer, new TapQueryOptions { MaxRec = 3 }));
        var text = Encoding.UTF8.GetString(buffer.ToArray());
        Assert.Contains("<INFO name=\"QUERY_STATUS\" value=\"OVERFLOW\" />", text, StringComparison.Ordinal);
        Assert.Equal(3, text.Split("<TR>").Length - 1);
        Assert.False(vo.Query("SELECT TOP 3 name FROM stars", new MemoryStream(), new TapQueryOptions { MaxRec = 3 }));
    }

    [Theory]
    [InlineData("SELECT nope FROM stars", "no column nope")]
    [InlineData("SELECT name FROM stars WHERE name > 3", "cannot compare text with a number")]
    [InlineData("SELECT name, COUNT(*) FROM stars", "must be in GROUP BY")]
    [InlineData("SELECT a.name FROM stars a JOIN stars b ON a.name = b.name WHERE name = 'x'", "ambiguous")]
    [InlineData("SELECT POINT('ICRS', ra, dec) FROM stars", "cannot be an output column")]
    [InlineData("SELECT name FROM stars WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 95, 1)) = 1", "not a position on the sky")]
    [InlineData("SELECT name FROM stars WHERE CONTAINS(POINT(ra, dec), POLYGON(0, 0, 10, 10, 10, 0, 0, 10)) = 1", "must be convex")]
    [InlineData("SELECT name FROM stars WHERE mag", "expected a condition")]
    [InlineData("SELECT name FROM stars WHERE name IN (SELECT name, label FROM ids)", "needs a subquery that gives one column; this one gives 2")]
    [InlineData("SELECT name FROM stars s WHERE EXISTS (SELECT * FROM ids WHERE ids.name = s.name)", "correlated subqueries are not supported")]
    [InlineData("SELECT name FROM stars WHERE name IN (SELECT name FROM secret)", "no published table secret")]
    [InlineData("SELECT * FROM (SELECT name FROM secret) AS d", "no published table secret")]
    [InlineData("SELECT name FROM stars WHERE EXISTS (SELECT * FROM stars NATURAL JOIN secret)", "no published table secret")]
    [InlineData("SELECT * FROM stars JOIN ids USING (label)", "the join column label is not in the left side of the join")]
    [InlineData("SELECT * FROM stars JOIN ids USING (ra)", "the join column ra is not in the right side of the join")]
    public void A_Query_That_Cannot_Run_Is_Refused_With_Why(string adql, string message)
    {
        using var s = new ScratchProject();
        var (owner, rows) = Stars(s);
        owner.Publish();
        Ids(s, rows);
        Ids(s, rows, "secret", publish: false);

        var e = Assert.Throws<AdqlException>(() => Csv(new VoService(s.Project), adql));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tap_Schema_Describes_Units_Ucds_And_Descriptions()
    {
        using var s = new ScratchProject();
        var (owner, _) = Stars(s);
        owner.Publish();

        var columns = Csv(new VoService(s.Project), "SELECT column_name, unit, ucd, description, datatype FROM TAP_SCHEMA.columns WHERE table_name = 'stars' ORDER BY column_index");

        Assert.Equal(
            ["name,,,,char", "ra,deg,pos.eq.ra;meta.main,,double", "dec,deg,pos.eq.dec;meta.main,,double", "mag,mag,,V magnitude,double"],
            columns.Skip(1).Select(c => string.Join(",", c)));
    }

    [Fact]
    public void A_Query_Stops_At_Its_Time_Limit_Or_When_Cancelled_And_Writes_Nothing()
    {
        using var s = new ScratchProject();
        var (owner, _) = Stars(s);
        owner.Publish();
        var vo = new VoService(s.Project);
        const string endless = "SELECT COUNT(*) FROM stars AS a, stars AS b, stars AS c, stars AS d";
        using var output = new MemoryStream();

        var e = Assert.Throws<WorktableException>(() => vo.Query(endless, output, new TapQueryOptions { TimeLimit = TimeSpan.FromMilliseconds(200) }));
        Assert.StartsWith("the query was stopped at its time limit of 0.2 s", e.Message, StringComparison.Ordinal);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        Assert.ThrowsAny<OperationCanceledException>(() => vo.Query(endless, output, null, cancel.Token));
        Assert.Equal(0, output.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => vo.Query("SELECT name FROM stars", output, new TapQueryOptions { TimeLimit = TimeSpan.FromSeconds(-1) }));
    }

    [Fact]
    public void Ilike_Ignores_Case_And_Like_Does_Not()
    {
        using var s = new ScratchProject();
        var (owner, _) = Stars(s);
        owner.Publish();
        var vo = new VoService(s.Project);

        Assert.Equal(["name", .. Enumerable.Range(0, 10).Select(i => $"s00{i}")], Csv(vo, "SELECT name FROM stars WHERE name ILIKE 'S00%' ORDER BY name").Select(r => r[0]));
        Assert.Equal([["name"]], Csv(vo, "SELECT name FROM stars WHERE name LIKE 'S00%'"));
        Assert.Equal(["c00"], Csv(vo, "SELECT name FROM stars WHERE name NOT ILIKE 'S%' AND name ILIKE '%0_' ORDER BY name").Skip(1).Take(1).Select(r => r[0]));
    }

    /// <summary>Publishes 'ids' (name, label): a label for every third of the first 12 stars.</summary>
    private static List<string> Ids(ScratchProject s, List<(string Name, double Ra, double Dec, double? Mag)> rows, string name = "ids", bool publish = true)
    {
        var t = s.Project.CreateTableAs("olga", name, WorkflowDefinition.FromColumns(name,
            [ColumnDefinition.Input("name", ColumnType.String), ColumnDefinition.Input("label", ColumnType.String)], [], name));
        var names = rows.Take(12).Where((_, i) => i % 3 == 0).Select(r => r.Name).ToList();
        t.AddRows([.. names.Select(n => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["name"] = n, ["label"] = "L" + n })]);
        if (publish)
        {
            t.Publish();
        }

        return names;
    }

    [Fact]
    public void Using_And_Natural_Joins_Show_The_Join_Column_Once()
    {
        using var s = new ScratchProject();
        var (owner, rows) = Stars(s);
        owner.Publish();
        var names = Ids(s, rows);
        var vo = new VoService(s.Project);
        var expected = names.Order(StringComparer.Ordinal).Select(n => $"{n} L{n}").ToList();

        var natural = Csv(vo, "SELECT * FROM stars NATURAL JOIN ids ORDER BY name");
        Assert.Equal(["name", "ra", "dec", "mag", "label"], natural[0]);
        Assert.Equal(expected, natural.Skip(1).Select(r => $"{r[0]} {r[4]}"));
        Assert.Equal(expected, Csv(vo, "SELECT name, label FROM stars AS s INNER JOIN ids AS i USING (name) ORDER BY 1").Skip(1).Select(r => $"{r[0]} {r[1]}"));
        Assert.Equal(expected, Csv(vo, "SELECT i.name, s.name AS n2 FROM stars s JOIN ids i USING (name) ORDER BY i.name").Skip(1).Select(r => $"{r[0]} L{r[1]}"));
        Assert.Equal(["name", "label"], Csv(vo, "SELECT TOP 1 ids.* FROM stars NATURAL JOIN ids")[0]);
        Assert.Equal($"{rows.Count},{names.Count}", string.Join(",", Csv(vo, "SELECT COUNT(*), COUNT(label) FROM stars LEFT OUTER JOIN ids USING (name)")[1]));
        Assert.Equal($"{rows.Count},{names.Count}", string.Join(",", Csv(vo, "SELECT COUNT(name), COUNT(label) FROM stars NATURAL LEFT OUTER JOIN ids")[1]));
    }

    [Fact]
    public void In_Exists_And_Derived_Tables_Agree_With_The_Rows()
    {
        using var s = new ScratchProject();
        var (owner, rows) = Stars(s);
        owner.Publish();
        var names = Ids(s, rows);
        var vo = new VoService(s.Project);

        Assert.Equal(names.Order(StringComparer.Ordinal), Csv(vo, "SELECT name FROM stars WHERE name IN (SELECT name FROM ids) ORDER BY name").Skip(1).Select(r => r[0]));
        Assert.Equal($"{rows.Count - names.Count}", Csv(vo, "SELECT COUNT(*) FROM stars WHERE name NOT IN (SELECT name FROM ids)")[1][0]);
        var bright = rows.Where(r => r.Mag < 12).Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(bright, Csv(vo, "SELECT name FROM stars WHERE name IN (SELECT s.name FROM stars AS s WHERE s.mag < 12) ORDER BY name").Skip(1).Select(r => r[0]));
        Assert.Equal($"{rows.Count}", Csv(vo, "SELECT COUNT(*) FROM stars WHERE EXISTS (SELECT * FROM ids WHERE label = 'Ls003')")[1][0]);
        Assert.Equal("0", Csv(vo, "SELECT COUNT(*) FROM stars WHERE EXISTS (SELECT * FROM ids WHERE label = 'nope')")[1][0]);
        Assert.Equal($"{rows.Count(r => r.Mag is null)}", Csv(vo, "SELECT d.n FROM (SELECT COUNT(*) AS n FROM stars WHERE mag IS NULL) AS d")[1][0]);
        Assert.Equal(["L" + names[1]], Csv(vo, "SELECT label FROM (SELECT name FROM stars WHERE name IN (SELECT name FROM ids)) AS d NATURAL JOIN ids WHERE d.name = '" + names[1] + "'").Skip(1).Select(r => r[0]));
    }

    [Fact]
    public void A_Subquery_Stops_At_The_Time_Limit()
    {
        using var s = new ScratchProject();
        var (owner, _) = Stars(s);
        owner.Publish();
        var vo = new VoService(s.Project);

        var e = Assert.Throws<WorktableException>(() => vo.Query(
            "SELECT name FROM stars WHERE EXISTS (SELECT COUNT(*) FROM stars AS a, stars AS b, stars AS c, stars AS d)",
            new MemoryStream(), new TapQueryOptions { TimeLimit = TimeSpan.FromMilliseconds(200) }));
        Assert.StartsWith("the query was stopped at its time limit", e.Message, StringComparison.Ordinal);
    }
}
