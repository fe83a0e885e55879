using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace Stoa.Fits.Tests.Interop;

/// <summary>Asserts that our view of HDUs (read from a file, or built in memory) equals astropy's dump of the same file:
/// header values, pixels, column values, units, display formats, UCDs and nulls.</summary>
internal static class AstropyComparison
{
    public static int CheckedValues { get; private set; }

    public static void AssertMatches(JsonElement dump, IReadOnlyList<FitsHdu> hdus)
    {
        Assert.Equal(dump.GetArrayLength(), hdus.Count);
        for (int i = 0; i < hdus.Count; i++)
        {
            var d = dump[i];
            var hdu = hdus[i];
            if (hdu.Name is { } name)
            {
                Assert.Equal(name.ToUpperInvariant(), d.GetProperty("name").GetString());
            }

            AssertHeader(d.GetProperty("cards"), hdu.Header, i);
            switch (hdu)
            {
                case FitsImage image:
                    AssertImage(d, image, i);
                    break;
                case FitsTable table:
                    AssertTable(d, table, i);
                    break;
            }
        }
    }

    private static void AssertHeader(JsonElement cards, FitsHeader header, int hdu)
    {
        bool Skip(string k) => HeaderWriter.IsImageGenerated(k) || HeaderWriter.IsTableGenerated(k) || k is "EXTNAME" or "";
        var ours = header.Where(c => !c.IsCommentary && !Skip(c.Keyword)).ToList();
        var theirs = cards.EnumerateArray().Where(c => c.GetProperty("kind").GetString() != "commentary" && !Skip(c.GetProperty("keyword").GetString()!)).ToList();
        Assert.Equal(theirs.Select(c => c.GetProperty("keyword").GetString()), ours.Select(c => c.Keyword));
        for (int k = 0; k < ours.Count; k++)
        {
            var t = theirs[k];
            var o = ours[k];
            string context = $"HDU {hdu} {o.Keyword}";
            switch (t.GetProperty("kind").GetString())
            {
                case "string":
                    Assert.True(t.GetProperty("value").GetString() == (string?)o.Value, context);
                    break;
                case "logical":
                    Assert.True(t.GetProperty("value").GetBoolean() == (bool)o.Value!, context);
                    break;
                case "integer":
                    Assert.True(BigInteger.Parse(t.GetProperty("value").GetString()!, CultureInfo.InvariantCulture) == (o.Value is long l ? l : new BigInteger((double)o.Value!)), context);
                    break;
                case "real":
                    Assert.True(ParseDouble(t.GetProperty("value").GetString()!) == Convert.ToDouble(o.Value, CultureInfo.InvariantCulture), context);
                    break;
                case "complex":
                    var c = (Complex)o.Value!;
                    Assert.True(ParseDouble(t.GetProperty("value")[0].GetString()!) == c.Real && ParseDouble(t.GetProperty("value")[1].GetString()!) == c.Imaginary, context);
                    break;
                default:
                    Assert.True(o.Kind == FitsValueKind.Undefined, context);
                    break;
            }

            CheckedValues++;
        }

        foreach (string kind in new[] { "HISTORY", "COMMENT" })
        {
            var theirText = cards.EnumerateArray().Where(c => c.GetProperty("keyword").GetString() == kind).Select(c => c.GetProperty("value").GetString()!.TrimEnd());
            var ourText = header.Where(c => c.IsCommentary && c.Keyword == kind).Select(c => ((string)c.Value!).TrimEnd());
            Assert.Equal(theirText, ourText);
        }
    }

    private static void AssertImage(JsonElement d, FitsImage image, int hdu)
    {
        var shape = d.GetProperty("shape").EnumerateArray().Select(e => e.GetInt64()).Reverse().ToArray();
        Assert.Equal(shape, image.Axes);
        var values = d.GetProperty("values").EnumerateArray().ToArray();
        Assert.Equal(values.Length, image.PixelCount);
        if (values.Length == 0)
        {
            return;
        }

        switch (d.GetProperty("dtype").GetString())
        {
            case "uint8": AssertIntegers(values, image.ReadPixels<byte>(), hdu); break;
            case "int8": AssertIntegers(values, image.ReadPixels<sbyte>(), hdu); break;
            case "int16": AssertIntegers(values, image.ReadPixels<short>(), hdu); break;
            case "uint16": AssertIntegers(values, image.ReadPixels<ushort>(), hdu); break;
            case "int32": AssertIntegers(values, image.ReadPixels<int>(), hdu); break;
            case "uint32": AssertIntegers(values, image.ReadPixels<uint>(), hdu); break;
            case "int64": AssertIntegers(values, image.ReadPixels<long>(), hdu); break;
            case "uint64": AssertIntegers(values, image.ReadPixels<ulong>(), hdu); break;
            case "float32":
                {
                    var ours = image.ReadPixels<float>();
                    for (int i = 0; i < values.Length; i++)
                    {
                        Assert.True(((float)ParseDouble(values[i].GetString()!)).Equals(ours[i]), $"HDU {hdu} pixel {i}: astropy {values[i]}, ours {ours[i]}");
                    }

                    break;
                }

            default:
                {
                    var ours = image.ReadPixels<double>();
                    for (int i = 0; i < values.Length; i++)
                    {
                        Assert.True(ParseDouble(values[i].GetString()!).Equals(ours[i]), $"HDU {hdu} pixel {i}: astropy {values[i]}, ours {ours[i]}");
                    }

                    break;
                }
        }

        CheckedValues += values.Length;
    }

    private static void AssertIntegers<T>(JsonElement[] values, T[] ours, int hdu)
        where T : INumber<T>
    {
        for (int i = 0; i < values.Length; i++)
        {
            Assert.True(BigInteger.Parse(values[i].GetRawText(), CultureInfo.InvariantCulture) == BigInteger.CreateChecked(ours[i]), $"HDU {hdu} pixel {i}: astropy {values[i]}, ours {ours[i]}");
        }
    }

    private static void AssertTable(JsonElement d, FitsTable table, int hdu)
    {
        Assert.Equal(d.GetProperty("rows").GetInt32(), table.RowCount);
        var columns = d.GetProperty("columns").EnumerateArray().ToArray();
        Assert.Equal(columns.Length, table.Columns.Count);
        for (int c = 0; c < columns.Length; c++)
        {
            var t = columns[c];
            var o = table.Columns[c];
            string context = $"HDU {hdu} column {c + 1} '{o.Name}'";
            Assert.True(t.GetProperty("name").GetString() == o.Name, context + " name");
            Assert.True(NullIfEmpty(t.GetProperty("unit").GetString()) == NullIfEmpty(o.Unit), context + " unit");
            Assert.True(NullIfEmpty(t.GetProperty("disp").GetString()) == NullIfEmpty(o.Display), context + " TDISP");
            Assert.True(NullIfEmpty(t.GetProperty("ucd").GetString()) == NullIfEmpty(o.Ucd), context + " TUCD");
            var mask = t.GetProperty("mask");
            var rows = t.GetProperty("values").EnumerateArray().ToArray();
            var cells = Cells(o);
            for (int r = 0; r < rows.Length; r++)
            {
                var theirs = Leaves(rows[r]).ToArray();
                var ours = cells[r];
                string where = $"{context}, row {r + 1}";
                Assert.True(theirs.Length == ours.Length, $"{where}: astropy has {theirs.Length} elements, ours {ours.Length}");
                bool ourNull = false;
                for (int k = 0; k < ours.Length; k++)
                {
                    ourNull |= AssertCell(theirs[k], ours[k], o, $"{where}[{k}]");
                    CheckedValues++;
                }

                if (mask.ValueKind == JsonValueKind.Array && o.Type != FitsColumnType.String && o.Type != FitsColumnType.Logical && !o.IsVariableLength)
                {
                    Assert.True(mask[r].GetBoolean() == ourNull, $"{where}: astropy mask {mask[r]}, our null {ourNull}");
                }
            }
        }
    }

    /// <summary>Compares one element; returns whether ours is null (TNULL, null, or NaN).</summary>
    private static bool AssertCell(JsonElement theirs, object? ours, FitsColumn column, string where)
    {
        switch (ours)
        {
            case null when column.Type == FitsColumnType.Logical:
                Assert.True(theirs.GetBoolean() == false, $"{where}: a null logical reads as False in astropy");
                return true;
            case null:
                return true;
            case bool b:
                Assert.True(theirs.GetBoolean() == b, where);
                return false;
            case string s:
                Assert.True(theirs.GetString() == s, $"{where}: astropy '{theirs}', ours '{s}'");
                return false;
            case float f:
                {
                    double physical = column.Zero + (column.Scale * f);
                    double t = ParseDouble(theirs.GetString()!);
                    bool same = column.Scale == 1 && column.Zero == 0 ? ((float)t).Equals(f) : Math.Abs(t - physical) <= 1e-6 * Math.Max(1, Math.Abs(t));
                    Assert.True(same, $"{where}: astropy {t}, ours {physical}");
                    return float.IsNaN(f);
                }

            case double x:
                {
                    double physical = column.Zero + (column.Scale * x);
                    double t = ParseDouble(theirs.GetString()!);
                    bool same = column.Scale == 1 && column.Zero == 0 ? t.Equals(x) : Math.Abs(t - physical) <= 1e-9 * Math.Max(1, Math.Abs(t));
                    Assert.True(same, $"{where}: astropy {t}, ours {physical}");
                    return double.IsNaN(x);
                }

            default:
                {
                    // Integers: unsigned arrays already hold physical values; signed ones get TZERO (and TSCAL) applied.
                    var raw = BigInteger.Parse(Convert.ToString(ours, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture);
                    bool unsigned = ours is sbyte or ushort or uint or ulong;
                    bool isNull = !unsigned && column.NullValue is { } n && raw == n;
                    if (theirs.ValueKind == JsonValueKind.Number)
                    {
                        var physical = unsigned ? raw : raw + new BigInteger(column.Zero);
                        Assert.True(BigInteger.Parse(theirs.GetRawText(), CultureInfo.InvariantCulture) == physical, $"{where}: astropy {theirs}, ours {physical}");
                    }
                    else
                    {
                        double t = ParseDouble(theirs.GetString()!);
                        double physical = unsigned ? (double)raw : column.Zero + (column.Scale * (double)raw);
                        Assert.True(Math.Abs(t - physical) <= 1e-9 * Math.Max(1, Math.Abs(t)), $"{where}: astropy {t}, ours {physical}");
                    }

                    return isNull;
                }
        }
    }

    /// <summary>Our column as one array of elements per row (complex numbers as real, imaginary).</summary>
    private static object?[][] Cells(FitsColumn column)
    {
        var data = column.Data;
        int rows = column.RowCount;
        var cells = new object?[rows][];
        if (column.IsVariableLength || data is string[])
        {
            for (int r = 0; r < rows; r++)
            {
                var value = data.GetValue(r);
                cells[r] = value is Array inner ? inner.Cast<object?>().ToArray() : [value ?? string.Empty];
            }

            return cells;
        }

        int perRow = rows == 0 ? 0 : data.Length / rows;
        for (int r = 0; r < rows; r++)
        {
            cells[r] = new object?[perRow];
            for (int k = 0; k < perRow; k++)
            {
                cells[r][k] = data.GetValue((r * perRow) + k);
            }
        }

        return cells;
    }

    private static IEnumerable<JsonElement> Leaves(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Array)
        {
            yield return e;
            yield break;
        }

        foreach (var child in e.EnumerateArray())
        {
            foreach (var leaf in Leaves(child))
            {
                yield return leaf;
            }
        }
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    public static double ParseDouble(string text) => text switch
    {
        "nan" => double.NaN,
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };
}
