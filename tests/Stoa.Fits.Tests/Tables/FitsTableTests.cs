using Stoa.Fits.Tests.Support;

namespace Stoa.Fits.Tests.Tables;

public class FitsTableTests
{
    [Fact]
    public void Nulls_Units_And_Ucds_Are_Written_As_Keywords()
    {
        var table = FitsTable.Create(
            new FitsColumn("ra", new[] { 10.5, 11.25 }) { Unit = "deg", Ucd = "pos.eq.ra;meta.main" },
            new FitsColumn("count", new int?[] { 3, null }));
        var h = table.Header;
        Assert.Equal("deg", h.GetString("TUNIT1"));
        Assert.Equal("pos.eq.ra;meta.main", h.GetString("TUCD1"));
        Assert.Equal(int.MinValue, h.GetInt64("TNULL2"));
        using var file = FitsBytes.Open(FitsBytes.ToBytes(table));
        var count = file.GetTable(1)["COUNT"];
        Assert.Equal([3L, null], count.ToNullableInt64Array());
        Assert.Equal([3.0, double.NaN], count.ToDoubleArray());
    }

    [Fact]
    public void Mismatched_Row_Counts_And_Bad_Values_Are_Rejected_With_The_Column_Named()
    {
        Assert.Throws<ArgumentException>(() => FitsTable.Create(new FitsColumn("a", new[] { 1 }), new FitsColumn("b", new[] { 1, 2 })));
        var tooLong = FitsTable.Create(new FitsColumn("name", new[] { "abc", "é" }));
        var e = Assert.Throws<ArgumentException>(() => FitsBytes.ToBytes(tooLong));
        Assert.Contains("'name', row 2", e.Message, StringComparison.Ordinal);
        var collision = FitsTable.Create(new FitsColumn("n", new int?[] { int.MinValue, null }));
        Assert.Throws<ArgumentException>(() => FitsBytes.ToBytes(collision));
    }

    [Fact]
    public void Missing_Column_Is_A_KeyNotFoundException()
    {
        var table = FitsTable.Create(new FitsColumn("a", new[] { 1 }));
        Assert.Throws<KeyNotFoundException>(() => table["b"]);
        Assert.Null(table.FindColumn("b"));
    }
}
