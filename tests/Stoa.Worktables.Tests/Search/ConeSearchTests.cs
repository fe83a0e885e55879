using System.Text.Json.Nodes;
using Stoa.Worktables.Access;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Export;
using Stoa.Worktables.Model;
using Stoa.Worktables.Search;
using Stoa.Worktables.Tests.Export;
using Stoa.Worktables.Tests.Fixtures;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Tests.Search;

public sealed class ConeSearchTests
{
    /// <summary>name, ra_alt (pos.eq.ra, a decoy before the main one), ra/dec (meta.main); one row has no position.</summary>
    private static Worktable Sky(ScratchProject s)
    {
        var t = s.Project.CreateTable("sky", WorkflowDefinition.FromColumns("sky",
            [
                ColumnDefinition.Input("name", ColumnType.String),
                ColumnDefinition.Input("ra_alt", ColumnType.Double) with { Unit = "deg", Ucd = "pos.eq.ra" },
                ColumnDefinition.Input("ra", ColumnType.Double.AsOptional()) with { Unit = "deg", Ucd = "pos.eq.ra;meta.main" },
                ColumnDefinition.Input("dec", ColumnType.Double.AsOptional()) with { Unit = "deg", Ucd = "pos.eq.dec;meta.main" },
            ], [], "sky"));
        (string Name, double? Ra, double? Dec)[] rows =
        [
            ("pole_a", 0, 89.9), ("pole_b", 180, 89.9), ("wrap_a", 359.9, 0), ("wrap_b", 0.1, 0), ("origin", 0, 0),
            ("south", 45, -60), ("nopos", null, null),
        ];
        t.AddRows(rows.Select(r => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["name"] = r.Name, ["ra_alt"] = 300.0, ["ra"] = r.Ra, ["dec"] = r.Dec,
        }));
        return t;
    }

    private static (List<string> Names, List<double> Distances, JsonNode Distance) Search(
        ScratchProject s, Worktable t, double ra, double dec, double sr, ConeSearchOptions? options = null)
    {
        var path = Path.Combine(s.Directory, $"cone-{Guid.NewGuid():N}.vot");
        int count;
        using (var f = File.Create(path))
        {
            count = t.ConeSearch(f, ra, dec, sr, options);
        }

        var columns = Astropy.Run("votable", path)["columns"]!.AsArray();
        JsonNode Column(string name) => columns.Single(c => (string)c!["name"]! == name)!;
        var names = Column("name")["values"]!.AsArray().Select(v => (string)v!).ToList();
        Assert.Equal(count, names.Count);
        return (names, [.. Column("distance")["values"]!.AsArray().Select(v => (double)v!)], Column("distance"));
    }

    [Fact]
    public void Around_the_pole_every_RA_is_near()
    {
        using var s = new ScratchProject();
        var t = Sky(s);
        var (names, distances, column) = Search(s, t, 37, 90, 0.15);
        Assert.Equal(["pole_a", "pole_b"], names);
        Assert.All(distances, d => Assert.Equal(0.1, d, 1e-9));
        Assert.Equal(("deg", "pos.angDistance", "double"), ((string)column["unit"]!, (string)column["ucd"]!, (string)column["datatype"]!));
    }

    [Fact]
    public void Across_RA_0_360_rows_are_found_and_sorted_by_distance()
    {
        using var s = new ScratchProject();
        var t = Sky(s);
        var (names, distances, _) = Search(s, t, 359.96, 0, 0.2);
        Assert.Equal(["origin", "wrap_a", "wrap_b"], names);
        Assert.Equal([0.04, 0.06, 0.14], distances.Select(d => Math.Round(d, 9)));
    }

    [Fact]
    public void SR_0_finds_only_the_exact_position()
    {
        using var s = new ScratchProject();
        var t = Sky(s);
        Assert.Equal(["wrap_b"], Search(s, t, 0.1, 0, 0).Names);
        Assert.Empty(Search(s, t, 0.1, 1e-9, 0).Names);
    }

    [Theory]
    [InlineData(VoTableSerialization.TableData)]
    [InlineData(VoTableSerialization.Binary2)]
    public void SR_180_finds_every_row_with_a_position_nearest_first(VoTableSerialization serialization)
    {
        using var s = new ScratchProject();
        var t = Sky(s);
        var (names, distances, _) = Search(s, t, 180, 0, 180, new ConeSearchOptions { Serialization = serialization });
        Assert.Equal(6, names.Count);
        Assert.DoesNotContain("nopos", names);
        Assert.Equal(distances.Order(), distances);
        // From (180, 0): pole_b 89.9, pole_a 90.1, south 110.7, wrap_a and wrap_b 179.9 (tie: row id), origin 180.
        Assert.Equal(["pole_b", "pole_a", "south", "wrap_a", "wrap_b", "origin"], names);
        Assert.Equal(180, distances[^1], 1e-9);
    }

    [Fact]
    public void Position_columns_can_be_named_and_meta_main_is_preferred()
    {
        using var s = new ScratchProject();
        var t = Sky(s);
        Assert.Equal(["origin"], Search(s, t, 0, 0, 0.01).Names);
        // By the decoy column every row sits at RA 300: at dec 0 only the equatorial rows (and sorted by row id on ties).
        var byAlt = Search(s, t, 300, 0, 0.01, new ConeSearchOptions { RaColumn = "ra_alt" }).Names;
        Assert.Equal(["wrap_a", "wrap_b", "origin"], byAlt);
    }

    [Theory]
    [InlineData(-1, 0, 1, "ra")]
    [InlineData(360.5, 0, 1, "ra")]
    [InlineData(double.NaN, 0, 1, "ra")]
    [InlineData(0, -90.1, 1, "dec")]
    [InlineData(0, 91, 1, "dec")]
    [InlineData(0, double.NaN, 1, "dec")]
    [InlineData(0, 0, -0.1, "sr")]
    [InlineData(0, 0, 180.5, "sr")]
    [InlineData(0, 0, double.NaN, "sr")]
    public void Out_of_range_parameters_are_refused_by_name(double ra, double dec, double sr, string parameter)
    {
        using var s = new ScratchProject();
        var t = Sky(s);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => t.ConeSearch(new MemoryStream(), ra, dec, sr));
        Assert.Equal(parameter, e.ParamName);
        Assert.Contains(parameter.ToUpperInvariant(), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_without_positions_is_a_typed_error()
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        var e = Assert.Throws<WorktableException>(() => t.ConeSearch(new MemoryStream(), 0, 0, 1));
        Assert.Contains("pos.eq.ra", e.Message, StringComparison.Ordinal);
        Assert.Throws<WorktableException>(() => t.ConeSearch(new MemoryStream(), 0, 0, 1, new ConeSearchOptions { RaColumn = "label", DecColumn = "x" }));
        Assert.Throws<WorktableException>(() => t.ConeSearch(new MemoryStream(), 0, 0, 1, new ConeSearchOptions { RaColumn = "nope", DecColumn = "x" }));
    }

    [Fact]
    public void Readers_may_search_and_users_without_a_role_may_not()
    {
        using var s = new ScratchProject();
        s.Project.AddUser("olive");
        s.Project.AddUser("rita");
        s.Project.AddUser("mallory");
        Sky(s);
        s.Project.ClaimOwnership("olive", "sky");
        s.Project.OpenTableAs("olive", "sky").Grant("rita", WorktableRole.Reader);
        Assert.Equal(1, s.Project.OpenTableAs("rita", "sky").ConeSearch(new MemoryStream(), 0, 0, 0.01));
        Assert.Throws<AccessDeniedException>(() => s.Project.OpenTableAs("mallory", "sky").ConeSearch(new MemoryStream(), 0, 0, 0.01));
    }
}
