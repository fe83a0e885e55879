using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Xunit;
using Stoa.Fits;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Fixtures;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Tests.Export;

public sealed class FitsExportTests
{
    [Fact]
    public void Astropy_reads_every_column_type_with_units_UCDs_and_nulls()
    {
        using var s = new ScratchProject();
        var t = EveryTypeTable.Create(s);
        var path = Path.Combine(s.Directory, "t.fits");
        using (var f = File.Create(path))
        {
            t.ExportFits(f);
        }

        var r = Astropy.Run("fits", path);
        Assert.Equal("every", (string)r["extname"]!);
        var columns = r["columns"]!.AsArray();
        Assert.Equal(t.Columns.Select(c => c.Name), columns.Select(c => (string)c!["name"]!));
        ReadBack.AssertMatches(columns, t, [.. t.Rows()], booleanNullsMasked: false);

        // Types: J K E D L A, vectors with their width, varying arrays and records as JSON text.
        string Dtype(string name) => (string)columns.Single(c => (string)c!["name"]! == name)!["dtype"]!;
        Assert.Equal([">i4", ">i8", ">f4", ">f8", "bool", "|S13"], new[] { "i", "l", "f", "d", "b", "s" }.Select(Dtype));
        Assert.Equal([3], columns.Single(c => (string)c!["name"]! == "vec")!["shape"]!.AsArray().Select(n => (int)n!));
        Assert.StartsWith("|S", Dtype("jag"), StringComparison.Ordinal);
    }

    [Fact]
    public void Integer_nulls_use_a_TNULL_no_real_value_takes_and_logical_nulls_are_0x00()
    {
        using var s = new ScratchProject();
        var t = EveryTypeTable.Create(s);
        using var ms = new MemoryStream();
        t.ExportFits(ms);
        ms.Position = 0;
        using var fits = FitsFile.Open(ms);
        var table = fits.GetTable(1);
        Assert.Equal(int.MinValue + 1, table["i"].NullValue);          // int.MinValue is a real value in row 3
        Assert.Equal([7L, null, int.MinValue], table["i"].ToNullableInt64Array());
        Assert.Equal(long.MinValue + 1, table["l"].NullValue);
        Assert.Equal([true, null, false], (bool?[])table["b"].Data);
        Assert.Equal(["alpha", "", "a \"q\" <&> ]]>"], (string[])table["s"].Data);
    }

    [Fact]
    public void Hidden_fields_are_left_out_unless_asked()
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        t.AddRow(new Dictionary<string, object?> { ["x"] = 3 });
        using var plain = new MemoryStream();
        t.ExportFits(plain);
        plain.Position = 0;
        using (var fits = FitsFile.Open(plain))
        {
            Assert.Equal(["x", "label", "doubled", "text"], fits.GetTable(1).Columns.Select(c => c.Name));
        }

        var path = Path.Combine(s.Directory, "sys.fits");
        using (var f = File.Create(path))
        {
            t.ExportFits(f, includeSystemFields: true);
        }

        var columns = Astropy.Run("fits", path)["columns"]!.AsArray();
        var names = columns.Select(c => (string)c!["name"]!).ToList();
        Assert.Equal(["row_id", "status", "input_hash", "workflow_hash", "output_hash", "queued_utc", "started_utc", "finished_utc", "attempts", "error", "run_id"], names.Take(11));
        var row = t.Rows().Single();
        JsonNode Cell(string name) => columns.Single(c => (string)c!["name"]! == name)!["values"]![0]!;
        Assert.Equal(row.RowId, (long)Cell("row_id"));
        Assert.Equal("Pending", (string)Cell("status")!);
        Assert.Equal(row.InputHash, (string)Cell("input_hash")!);
        Assert.Equal(0, (int)Cell("attempts"));
    }

    [Fact]
    public void Non_ASCII_text_is_a_cell_error_naming_row_and_column()
    {
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("t", ScratchProject.Doubler());
        var id = t.AddRow(new Dictionary<string, object?> { ["x"] = 1, ["label"] = "Ångström" });
        var e = Assert.Throws<CellException>(() => t.ExportFits(new MemoryStream()));
        Assert.Equal((id, "label"), (e.RowId!.Value, e.Column));
    }

    [Fact]
    public void Readers_get_no_FITS_without_the_Export_role()
    {
        using var s = new ScratchProject();
        s.Project.AddUser("olive");
        s.Project.AddUser("mallory");
        var t = s.Project.CreateTableAs("olive", "t", ScratchProject.Doubler());
        t.AddRow(new Dictionary<string, object?> { ["x"] = 1 });
        t.Grant("mallory", Stoa.Worktables.Access.WorktableRole.Reader);
        s.Project.OpenTableAs("mallory", "t").ExportFits(new MemoryStream());
        t.Revoke("mallory");
        Assert.Throws<AccessDeniedException>(() => s.Project.OpenTableAs("mallory", "t").ExportFits(new MemoryStream()));
    }

    /// <summary>Any ints, doubles, strings (ASCII), booleans and fixed vectors, with nulls, come back from Stoa.Fits as written.</summary>
    [Property(MaxTest = 40)]
    public void FitsExport_RoundTrips_Through_StoaFits(int?[] ints, double?[] doubles, bool?[] flags, NonNull<string>[] texts)
    {
        var n = new[] { ints.Length, doubles.Length, flags.Length, texts.Length }.Min();
        using var s = new ScratchProject();
        var t = s.Project.CreateTable("p", WorkflowDefinition.FromColumns("p",
            [
                ColumnDefinition.Input("i", ColumnType.Int.AsOptional()), ColumnDefinition.Input("d", ColumnType.Double.AsOptional()),
                ColumnDefinition.Input("b", ColumnType.Boolean.AsOptional()), ColumnDefinition.Input("s", ColumnType.String.AsOptional()),
                ColumnDefinition.Input("v", ColumnType.Array(ColumnType.Double).AsOptional()),
            ], [], "p"));
        var ascii = texts.Take(n).Select(x => new string([.. x.Get.Where(ch => ch is >= ' ' and <= '~')]).TrimEnd()).ToArray();
        var finite = doubles.Take(n).Select(d => d is { } v && double.IsFinite(v) ? v : (double?)null).ToArray();
        t.AddRows(Enumerable.Range(0, n).Select(k => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["i"] = ints[k], ["d"] = finite[k], ["b"] = flags[k], ["s"] = ascii[k].Length == 0 ? null : ascii[k],
            ["v"] = finite[k] is { } v ? new[] { v, -v } : null,
        }));
        using var ms = new MemoryStream();
        t.ExportFits(ms);
        ms.Position = 0;
        using var fits = FitsFile.Open(ms);
        var table = fits.GetTable(1);
        Assert.Equal(n, table.RowCount);
        Assert.Equal(ints.Take(n).Select(x => (long?)x), table["i"].ToNullableInt64Array());
        Assert.Equal(finite.Select(x => x ?? double.NaN), table["d"].ToDoubleArray());
        Assert.Equal(flags.Take(n), (bool?[])table["b"].Data);
        Assert.Equal(ascii, (string[])table["s"].Data);
        if (n > 0 && finite.Any(x => x is not null))
        {
            Assert.Equal(finite.SelectMany(x => x is { } v ? new[] { v, -v } : [double.NaN, double.NaN]), table["v"].ToDoubleArray());
        }
    }
}
