using System.Text;
using FsCheck.Xunit;
using Stoa.Worktables.Model;
using Stoa.Worktables.Search;
using Stoa.Worktables.Tests.Fixtures;
using Stoa.Worktables.Vo;
using Stoa.Worktables.Vo.Tap;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Tests.Search;

/// <summary>
/// The declination-zone sky index against brute force (every row's great-circle distance): positions crowd the
/// poles and the RA = 0/360 seam, some are outside the canonical ranges or empty, cones are centred there too, and
/// rows are edited, added and deleted between cones (the index must follow without being rebuilt).
/// </summary>
public sealed class SkyIndexTests
{
    private static readonly WorkflowDefinition Shape = WorkflowDefinition.FromColumns("sky",
        [
            ColumnDefinition.Input("name", ColumnType.String),
            ColumnDefinition.Input("ra", ColumnType.Double.AsOptional()) with { Unit = "deg", Ucd = "pos.eq.ra;meta.main" },
            ColumnDefinition.Input("dec", ColumnType.Double.AsOptional()) with { Unit = "deg", Ucd = "pos.eq.dec;meta.main" },
        ], [], "sky");

    /// <summary>A position near one of the hard places: a pole, the RA seam, exactly on a boundary, outside the ranges, or anywhere.</summary>
    private static (double? Ra, double? Dec) Position(Random r)
    {
        double Small() => r.NextDouble() * (r.Next(3) == 0 ? 0.05 : 2);
        return r.Next(9) switch
        {
            0 => (r.NextDouble() * 360, 90 - Small()),
            1 => (r.NextDouble() * 360, -90 + Small()),
            2 => (Small(), (r.NextDouble() * 180) - 90),
            3 => (360 - Small(), (r.NextDouble() * 180) - 90),
            4 => (r.Next(2) * 360.0, r.Next(5) switch { 0 => 90, 1 => -90, 2 => 0, _ => (r.Next(-360, 361) * 0.25) }),
            5 => r.Next(4) switch { 0 => (-3 - Small(), 10), 1 => (365, 88), 2 => (1, 91), _ => (null, null) },
            _ => (r.NextDouble() * 360, Math.Asin((2 * r.NextDouble()) - 1) * 180 / Math.PI),
        };
    }

    private static Dictionary<string, object?> Row(string name, (double? Ra, double? Dec) p) => new() { ["name"] = name, ["ra"] = p.Ra, ["dec"] = p.Dec };

    private static double Radius(Random r) => r.Next(6) switch
    {
        0 => 0,
        1 => r.NextDouble() * 0.2,
        2 => r.NextDouble() * 3,
        3 => r.NextDouble() * 30,
        4 => 44.9 + (r.NextDouble() * 0.2),
        _ => r.NextDouble() * 10,
    };

    private static SortedSet<string> BruteForce(Worktable t, double ra, double dec, double radius) =>
        [.. t.Rows().Where(row => row["ra"] is { } a && row["dec"] is { } d
            && SkyDistance.Degrees(ra, dec, a.GetValue<double>(), d.GetValue<double>()) <= radius).Select(row => row["name"]!.GetValue<string>())];

    [Property(MaxTest = 40)]
    public bool SkyIndex_Meets_Specification(int seed) => SkyIndex_Meets_Specification_On(StoreKind.Sqlite, seed);

    [PostgresProperty(MaxTest = 40)]
    public bool SkyIndex_Meets_Specification_on_Postgres(int seed) => SkyIndex_Meets_Specification_On(StoreKind.Postgres, seed);

    private static bool SkyIndex_Meets_Specification_On(StoreKind kind, int seed)
    {
        var random = new Random(seed);
        using var s = new ScratchProject(kind);
        s.Project.AddUser("olga");
        var owner = s.Project.CreateTableAs("olga", "sky", Shape);
        var t = s.Project.OpenTable("sky");
        var next = 0;
        t.AddRows([.. Enumerable.Range(0, 150 + random.Next(150)).Select(_ => (IReadOnlyDictionary<string, object?>)Row("r" + next++, Position(random)))]);
        var vo = new VoService(s.Project);
        var published = random.Next(2) == 0;
        if (published)
        {
            // Published: the index is made now rather than at the first cone.
            owner.Publish();
        }

        List<long> AllIds() => [.. t.Rows().Select(row => row.RowId)];
        for (var step = 0; step < 6; step++)
        {
            var centre = Position(random);
            var (ra, dec) = (Math.Clamp(centre.Ra ?? 0, 0, 360), Math.Clamp(centre.Dec ?? 0, -90, 90));
            var radius = Radius(random);
            var expected = BruteForce(t, ra, dec, radius);

            var candidates = SkyIndex.Candidates(t, "ra", "dec", ra, dec, radius).Select(row => row["name"]!.GetValue<string>()).ToHashSet();
            using var cone = new MemoryStream();
            t.ConeSearch(cone, ra, dec, radius);
            var viaCone = new SortedSet<string>(Names(cone));
            // A small cone reads only part of the table (else the index would not be used at all).
            var read = radius < 1 && candidates.Count >= AllIds().Count;
            if (read || !candidates.IsSupersetOf(expected) || !viaCone.SetEquals(expected))
            {
                throw new InvalidOperationException($"cone ({ra}, {dec}, {radius}): {candidates.Count} rows read; expected [{string.Join(' ', expected)}], cone search gave [{string.Join(' ', viaCone)}]");
            }

            if (published)
            {
                // ADQL reads through the same index (POINT refuses |Dec| > 90, so those rows are kept out first).
                using var csv = new MemoryStream();
                var adql = FormattableString.Invariant(
                    $"SELECT name FROM sky WHERE dec BETWEEN -90 AND 90 AND CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra:R}, {dec:R}, {radius:R})) = 1");
                vo.Query(adql, csv, new TapQueryOptions { Format = TapFormat.Csv, MaxRec = 100_000 });
                var viaAdql = new SortedSet<string>(Encoding.UTF8.GetString(csv.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1));
                var inRange = new SortedSet<string>(expected.Where(n => t.Rows().First(row => row["name"]!.GetValue<string>() == n)["dec"]!.GetValue<double>() is >= -90 and <= 90));
                if (!viaAdql.SetEquals(inRange))
                {
                    throw new InvalidOperationException($"ADQL {adql}: expected [{string.Join(' ', inRange)}], gave [{string.Join(' ', viaAdql)}]");
                }
            }

            // Then change the table: move, add, delete rows, and empty a position.
            var ids = AllIds();
            for (var change = random.Next(8); change > 0; change--)
            {
                var id = ids[random.Next(ids.Count)];
                switch (random.Next(4))
                {
                    case 0 or 1:
                        var p = random.Next(3) == 0 ? (ra + (random.NextDouble() - 0.5) * radius, Math.Clamp(dec + ((random.NextDouble() - 0.5) * radius), -90, 90)) : Position(random);
                        t.Edit(id, new Dictionary<string, object?> { ["ra"] = p.Item1, ["dec"] = p.Item2 });
                        break;
                    case 2:
                        t.AddRow(Row("r" + next++, Position(random)));
                        break;
                    default:
                        t.Delete(id);
                        ids.Remove(id);
                        break;
                }
            }
        }

        return true;
    }

    /// <summary>The first cell (the name) of each TABLEDATA row.</summary>
    private static IEnumerable<string> Names(MemoryStream votable)
    {
        votable.Position = 0;
        return System.Xml.Linq.XDocument.Load(votable).Descendants().Where(e => e.Name.LocalName == "TR").Select(tr => tr.Elements().First().Value);
    }
}
