using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stoa.Fits.Tests.Support;

namespace Stoa.Fits.Tests.Tables;

public class TableRoundTripProperties
{
    private static T[] Fill<T>(Random rng, int n, Func<Random, T> next) => Enumerable.Range(0, n).Select(_ => next(rng)).ToArray();

    private static long NextLong(Random r) => r.NextInt64(long.MinValue, long.MaxValue);

    private static string NextString(Random r, int max) =>
        new string(Enumerable.Range(0, r.Next(0, max + 1)).Select(_ => (char)r.Next(' ', '~' + 1)).ToArray()).TrimEnd(' ');

    /// <summary>One column of every type, with random repeats, values and nulls.</summary>
    internal static List<FitsColumn> AllTypes(int rows, int seed)
    {
        var r = new Random(seed);
        int rep = r.Next(1, 4);
        int bits = r.Next(1, 20);
        int width = r.Next(1, 12);
        return
        [
            new FitsColumn("logical", Fill(r, rows * rep, x => x.Next(3) switch { 0 => (bool?)null, 1 => true, _ => false }), rep),
            new FitsColumn("bits", FitsColumnType.Bit, Fill(r, rows * bits, x => x.Next(2) == 1), bits),
            new FitsColumn("byte", Fill(r, rows * rep, x => (byte)x.Next(256)), rep) { Unit = "count" },
            new FitsColumn("sbyte", Fill(r, rows, x => (sbyte)x.Next(-128, 128))),
            new FitsColumn("short", Fill(r, rows * rep, x => (short)x.Next(short.MinValue, short.MaxValue + 1)), rep) { Display = "I6" },
            new FitsColumn("ushort", Fill(r, rows, x => (ushort)x.Next(0, 65536))),
            new FitsColumn("int", Fill(r, rows * rep, x => x.Next(int.MinValue, int.MaxValue)), rep) { NullValue = 7, Ucd = "meta.id" },
            new FitsColumn("uint", Fill(r, rows, x => (uint)NextLong(x))),
            new FitsColumn("long", Fill(r, rows, NextLong)),
            new FitsColumn("ulong", Fill(r, rows, x => (ulong)NextLong(x))),
            new FitsColumn("float", Fill(r, rows * rep, x => BitConverter.Int32BitsToSingle(x.Next())), rep) { Unit = "Jy", Ucd = "phot.flux.density" },
            new FitsColumn("double", Fill(r, rows, x => BitConverter.Int64BitsToDouble(NextLong(x)))) { Unit = "deg", Ucd = "pos.eq.ra;meta.main", Display = "F12.6" },
            new FitsColumn("string", Fill(r, rows, x => NextString(x, width)), width),
            new FitsColumn("cfloat", FitsColumnType.ComplexSingle, Fill(r, rows * 2, x => (float)x.NextDouble())),
            new FitsColumn("cdouble", FitsColumnType.ComplexDouble, Fill(r, rows * 2 * rep, x => x.NextDouble()), rep),
            new FitsColumn("nint", Fill(r, rows, x => x.Next(4) == 0 ? (int?)null : x.Next(-1000, 1000))),
            new FitsColumn("nlong", Fill(r, rows, x => x.Next(4) == 0 ? (long?)null : x.Next())),
            new FitsColumn("nshort", Fill(r, rows, x => x.Next(4) == 0 ? (short?)null : (short)x.Next(100))),
            new FitsColumn("nbyte", Fill(r, rows, x => x.Next(4) == 0 ? (byte?)null : (byte)x.Next(200))),
            new FitsColumn("ndouble", Fill(r, rows, x => x.Next(4) == 0 ? (double?)null : x.NextDouble())),
            new FitsColumn("scaled", Fill(r, rows, x => (short)x.Next(-100, 100))) { Scale = 0.25, Zero = 3 },
            new FitsColumn("vla", Fill(r, rows, x => Fill(x, x.Next(0, 5), y => (float)y.NextDouble()))),
            new FitsColumn("vlaint", Fill(r, rows, x => Fill(x, x.Next(0, 5), y => y.Next()))),
        ];
    }

    internal static void AssertSameColumn(FitsColumn expected, FitsColumn actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.Repeat, actual.Repeat);
        Assert.Equal(expected.Unit, actual.Unit);
        Assert.Equal(expected.Ucd, actual.Ucd);
        Assert.Equal(expected.Display, actual.Display);
        Assert.Equal(expected.Scale, actual.Scale);
        Assert.Equal(expected.Zero, actual.Zero);
        switch (expected.Data)
        {
            case bool[] b when expected.Type == FitsColumnType.Logical:
                Assert.Equal(b.Select(x => (bool?)x), (bool?[])actual.Data);
                break;
            case int?[] or long?[] or short?[] or byte?[]:
                Assert.Equal(expected.ToNullableInt64Array(), actual.ToNullableInt64Array());
                break;
            case double?[] d:
                Assert.Equal(d.Select(x => x ?? double.NaN), (double[])actual.Data);
                break;
            case float[][] or int[][]:
                var e = (Array)expected.Data;
                var a = (Array)actual.Data;
                Assert.Equal(e.Length, a.Length);
                for (int i = 0; i < e.Length; i++)
                {
                    Assert.Equal((System.Collections.IEnumerable)e.GetValue(i)!, (System.Collections.IEnumerable)a.GetValue(i)!);
                }

                break;
            default:
                Assert.Equal(expected.Data.GetType(), actual.Data.GetType());
                Assert.Equal((System.Collections.IEnumerable)expected.Data, (System.Collections.IEnumerable)actual.Data);
                break;
        }
    }

    [Property(MaxTest = 60)]
    public Property Tables_Of_Every_Column_Type_Round_Trip(int seed, bool seekable) =>
        Prop.ForAll(Gen.Choose(0, 40).ToArbitrary(), rows =>
        {
            var columns = AllTypes(rows, seed);
            var table = FitsTable.Create(columns);
            table.Name = "CATALOG";
            using var file = FitsBytes.Open(FitsBytes.ToBytes(table), seekable);
            var read = Assert.IsType<FitsTable>(file.Hdus[1]);
            Assert.Equal("CATALOG", read.Name);
            Assert.Equal(rows, read.RowCount);
            Assert.Equal(columns.Count, read.Columns.Count);
            for (int c = 0; c < columns.Count; c++)
            {
                AssertSameColumn(columns[c], read.Columns[c]);
            }

            // Written again from the file, the table is byte-identical.
            byte[] again = FitsBytes.ToBytes(file.Hdus.ToArray());
            Assert.Equal(FitsBytes.ToBytes(FitsImage.CreateEmpty(), table), again);
        });
}
