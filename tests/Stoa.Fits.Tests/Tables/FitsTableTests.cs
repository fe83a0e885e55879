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

    [Fact]
    public void Columns_Of_Several_MiB_Read_Back_Exactly()
    {
        // Past 4 MiB every numeric column holds a whole 2 MiB-aligned block, so the huge-page hint and the populate of
        // fresh arrays both happen; the odd row count leaves a tail in every vectorised loop and every row chunk.
        const int rows = 600_001;
        long[] id = new long[rows];
        double[] ra = new double[rows];
        float[] flux = new float[rows];
        int[] flag = new int[rows];
        ushort[] counts = new ushort[rows];
        short[] scaled = new short[rows];
        string[] names = new string[rows];
        for (int i = 0; i < rows; i++)
        {
            id[i] = (i * 0x3779B97F4A7C15L) ^ long.MinValue;
            ra[i] = i * 0.000599;
            flux[i] = -i / 7f;
            flag[i] = i * -31;
            counts[i] = (ushort)(i * 40503);
            scaled[i] = (short)(i * 97);
            names[i] = (i % 5) switch { 0 => string.Empty, 1 => "a", _ => "src" + i };
        }

        var table = FitsTable.Create(
            new FitsColumn("id", id), new FitsColumn("ra", ra), new FitsColumn("flux", flux), new FitsColumn("flag", flag),
            new FitsColumn("counts", counts), new FitsColumn("scaled", scaled) { Scale = 0.25, Zero = 10 }, new FitsColumn("name", names));
        using var file = FitsBytes.Open(FitsBytes.ToBytes(table));
        var read = file.GetTable(1);
        Assert.Equal(id, (long[])read["id"].Data);
        Assert.Equal(ra, (double[])read["ra"].Data);
        Assert.Equal(flux, (float[])read["flux"].Data);
        Assert.Equal(flag, (int[])read["flag"].Data);
        Assert.Equal(counts, (ushort[])read["counts"].Data);
        Assert.Equal(scaled, (short[])read["scaled"].Data);
        Assert.Equal(10 + (0.25 * scaled[^1]), read["scaled"].ToDoubleArray()[^1]);
        Assert.Equal(names, (string[])read["name"].Data);
    }
}
