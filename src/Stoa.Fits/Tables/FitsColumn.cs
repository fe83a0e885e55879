namespace Stoa.Fits;

/// <summary>
/// One binary-table column: its description (name, type, repeat, unit, UCD, display format, null value,
/// scaling) and its data, one flat array for all rows.
/// </summary>
/// <remarks>
/// <para>Data layout: a column of repeat <c>r</c> over <c>n</c> rows is an array of <c>n × r</c> elements, row by row
/// (a string column is one string per row; a variable-length column is a jagged array, one inner array per row).
/// The element type follows <see cref="FitsColumnType"/>; nullable integer arrays (<c>int?[]</c>, …) are accepted
/// when writing and get a <c>TNULLn</c>, nullable floats (<c>double?[]</c>) are written with NaN. FITS has no null
/// string: a null string is written empty (astropy masks empty strings). Trailing blanks of strings are not kept.</para>
/// <para>UCDs are written as the keyword <c>TUCDn</c>. It is not part of the FITS standard (the IVOA defines UCDs for
/// VOTable); other readers keep it as an ordinary keyword, and this library reads it back into <see cref="Ucd"/>.</para>
/// </remarks>
public sealed class FitsColumn
{
    private readonly FitsTable? _owner;
    private readonly double? _impliedZero;
    private readonly double _zero;
    private Array? _data;

    /// <summary>Creates a column whose FITS type follows the array's element type.</summary>
    /// <param name="name">The column name (<c>TTYPEn</c>).</param>
    /// <param name="data">
    /// <see cref="T:bool[]"/> or <see cref="T:bool?[]"/> (L), <see cref="T:byte[]"/> (B), <see cref="T:sbyte[]"/> (B, TZERO -128),
    /// <see cref="T:short[]"/> (I), <see cref="T:ushort[]"/> (I, TZERO 32768), <see cref="T:int[]"/> (J), <see cref="T:uint[]"/>
    /// (J, TZERO 2147483648), <see cref="T:long[]"/> (K), <see cref="T:ulong[]"/> (K, TZERO 2^63), <see cref="T:float[]"/> (E),
    /// <see cref="T:double[]"/> (D), <see cref="T:string[]"/> (A), nullable integers (with TNULL), nullable floats (NaN), or a
    /// jagged array of a numeric type (a variable-length <c>P</c> column).
    /// </param>
    /// <param name="repeat">Elements per row: 0 (the default) means 1, or for strings the longest value (at least 1).</param>
    /// <exception cref="ArgumentException">The data type is not supported or its length is not a multiple of the repeat.</exception>
    public FitsColumn(string name, Array data, int repeat = 0)
        : this(name, InferType(data), data, repeat)
    {
    }

    /// <summary>Creates a column of an explicit type; use this for bit columns (<see cref="FitsColumnType.Bit"/>) from <see cref="T:bool[]"/>.</summary>
    /// <param name="name">The column name (<c>TTYPEn</c>).</param>
    /// <param name="type">The FITS type; it must suit the array's element type.</param>
    /// <param name="data">The data, as for <see cref="FitsColumn(string, Array, int)"/>.</param>
    /// <param name="repeat">Elements per row (bits for <see cref="FitsColumnType.Bit"/>, characters for strings); 0 infers it.</param>
    /// <exception cref="ArgumentException">The type does not suit the data, or the length is not a multiple of the repeat.</exception>
    public FitsColumn(string name, FitsColumnType type, Array data, int repeat = 0)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(repeat);
        var inferred = InferType(data);
        bool fits = inferred == type
            || (type == FitsColumnType.Bit && data is bool[] or bool[][])
            || (type == FitsColumnType.ComplexSingle && data is float[])
            || (type == FitsColumnType.ComplexDouble && data is double[]);
        if (!fits)
        {
            throw new ArgumentException($"column '{name}': {data.GetType().Name} data cannot be stored as {type}", nameof(data));
        }

        Name = name;
        Type = type;
        _data = data;
        IsVariableLength = data.GetType().GetElementType()!.IsArray;
        if (type == FitsColumnType.String)
        {
            var strings = (string?[])data;
            Repeat = repeat > 0 ? repeat : Math.Max(1, strings.Length == 0 ? 1 : strings.Max(s => s?.Length ?? 0));
            RowCount = strings.Length;
        }
        else if (IsVariableLength)
        {
            Repeat = 1;
            RowCount = data.Length;
        }
        else
        {
            Repeat = repeat == 0 ? 1 : repeat;
            int perRow = type is FitsColumnType.ComplexSingle or FitsColumnType.ComplexDouble ? 2 * Repeat : Repeat;
            if (data.Length % perRow != 0)
            {
                throw new ArgumentException($"column '{name}': {data.Length} values are not a whole number of rows of {perRow}", nameof(data));
            }

            RowCount = data.Length / perRow;
        }

        _impliedZero = UnsignedArrays.OffsetOf(data);
    }

    internal FitsColumn(FitsTable owner, string name, ColumnFormat format, int rows)
    {
        _owner = owner;
        Name = name;
        Type = format.Type;
        Repeat = format.Repeat;
        IsVariableLength = format.IsVariableLength;
        Format = format;
        RowCount = rows;
    }

    /// <summary>Gets the column name (<c>TTYPEn</c>); empty when the file has none.</summary>
    public string Name { get; }

    /// <summary>Gets the element type.</summary>
    public FitsColumnType Type { get; }

    /// <summary>Gets the elements per row: characters for strings, bits for <see cref="FitsColumnType.Bit"/>,
    /// complex numbers for complex types; 1 for variable-length columns.</summary>
    public int Repeat { get; }

    /// <summary>Gets a value indicating whether the column holds variable-length arrays (<c>P</c> or <c>Q</c>).</summary>
    public bool IsVariableLength { get; }

    /// <summary>Gets the number of rows.</summary>
    public int RowCount { get; }

    /// <summary>Gets the physical unit (<c>TUNITn</c>), e.g. <c>"Jy"</c> or <c>"deg"</c>; null when absent.</summary>
    public string? Unit { get; init; }

    /// <summary>Gets the Unified Content Descriptor, e.g. <c>"pos.eq.ra;meta.main"</c>; null when absent.
    /// Stored as the non-standard keyword <c>TUCDn</c> (see the class remarks).</summary>
    public string? Ucd { get; init; }

    /// <summary>Gets the display format (<c>TDISPn</c>), e.g. <c>"F10.4"</c>; null when absent.</summary>
    public string? Display { get; init; }

    /// <summary>Gets the stored integer value meaning null (<c>TNULLn</c>) for B, I, J, K columns; null when absent.
    /// When writing nullable integer data without a value set, the type's minimum (255 for bytes) is used.</summary>
    public long? NullValue { get; init; }

    /// <summary>Gets <c>TSCALn</c>: physical = <see cref="Zero"/> + <see cref="Scale"/> × stored. The default value is 1.</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Gets <c>TZEROn</c>. The default value is 0; unsigned data (<see cref="T:ushort[]"/> …) imply the standard offset.</summary>
    public double Zero
    {
        get => _impliedZero ?? _zero;
        init => _zero = value;
    }

    /// <summary>Gets the data: for a column read from a file, the whole table is decoded on first access.
    /// Integer data are the stored values (apply <see cref="Scale"/>/<see cref="Zero"/> with <see cref="ToDoubleArray"/>),
    /// except the standard unsigned offsets, which yield unsigned arrays.</summary>
    /// <exception cref="FitsFormatException">The table data are malformed or truncated.</exception>
    public Array Data
    {
        get
        {
            if (_data is null)
            {
                _owner!.Load();
            }

            return _data!;
        }
    }

    internal ColumnFormat? Format { get; }

    internal void SetData(Array data) => _data = data;

    /// <summary>Returns the physical values as doubles: <c>Zero + Scale × stored</c>, nulls (<c>TNULLn</c>, or NaN) as NaN,
    /// logicals as 1/0/NaN, bits as 1/0; rows × repeat values (complex: pairs).</summary>
    /// <returns>A new array.</returns>
    /// <exception cref="InvalidOperationException">The column holds strings or variable-length arrays.</exception>
    public double[] ToDoubleArray()
    {
        var data = Data;
        bool unsigned = UnsignedArrays.IsUnsigned(data);
        return data switch
        {
            ulong[] ul when unsigned => Array.ConvertAll(ul, x => NullValue == (long)(x ^ 0x8000_0000_0000_0000ul) ? double.NaN : (double)x),
            uint[] ui when unsigned => Array.ConvertAll(ui, x => NullValue == (long)x - 2147483648L ? double.NaN : x),
            ushort[] us when unsigned => Array.ConvertAll(us, x => NullValue == x - 32768L ? double.NaN : x),
            sbyte[] sb when unsigned => Array.ConvertAll(sb, x => NullValue == x + 128L ? double.NaN : x),
            double[] d => Scaled(d, x => x),
            float[] f => Scaled(f, x => x),
            long[] l => Scaled(l, x => x, NullValue),
            int[] i => Scaled(i, x => x, NullValue),
            short[] s => Scaled(s, x => x, NullValue),
            byte[] b => Scaled(b, x => x, NullValue),
            bool?[] lg => Array.ConvertAll(lg, x => x is null ? double.NaN : x.Value ? 1.0 : 0.0),
            bool[] bits => Array.ConvertAll(bits, x => x ? 1.0 : 0.0),
            long?[] nl => Array.ConvertAll(nl, x => x is { } v ? Zero + (Scale * v) : double.NaN),
            int?[] ni => Array.ConvertAll(ni, x => x is { } v ? Zero + (Scale * v) : double.NaN),
            short?[] ns => Array.ConvertAll(ns, x => x is { } v ? Zero + (Scale * v) : double.NaN),
            byte?[] nb => Array.ConvertAll(nb, x => x is { } v ? Zero + (Scale * v) : double.NaN),
            double?[] nd => Array.ConvertAll(nd, x => x ?? double.NaN),
            float?[] nf => Array.ConvertAll(nf, x => x ?? double.NaN),
            _ => throw new InvalidOperationException($"column '{Name}' holds {data.GetType().Name}; it has no numeric values"),
        };
    }

    /// <summary>Returns the physical values of an integer column as nullable longs: <c>TNULLn</c> becomes null;
    /// <c>TZEROn</c> is applied (an unscaled column only); rows × repeat values.</summary>
    /// <returns>A new array.</returns>
    /// <exception cref="InvalidOperationException">The column is not an unscaled integer column.</exception>
    public long?[] ToNullableInt64Array()
    {
        var data = Data;
        if (Scale != 1 || Zero != Math.Floor(Zero))
        {
            throw new InvalidOperationException($"column '{Name}' is scaled (TSCAL = {Scale}, TZERO = {Zero}); use ToDoubleArray");
        }

        long zero = _impliedZero is null ? (long)Zero : 0;
        bool unsigned = UnsignedArrays.IsUnsigned(data);
        return data switch
        {
            uint[] ui when unsigned => Array.ConvertAll(ui, x => (long)x - 2147483648L == NullValue ? (long?)null : x),
            ushort[] us when unsigned => Array.ConvertAll(us, x => x - 32768L == NullValue ? (long?)null : x),
            sbyte[] sb when unsigned => Array.ConvertAll(sb, x => x + 128L == NullValue ? (long?)null : x),
            long[] l when !unsigned => Array.ConvertAll(l, x => x == NullValue ? (long?)null : x + zero),
            int[] i => Array.ConvertAll(i, x => x == NullValue ? (long?)null : x + zero),
            short[] s => Array.ConvertAll(s, x => x == NullValue ? (long?)null : x + zero),
            byte[] b => Array.ConvertAll(b, x => x == NullValue ? (long?)null : x + zero),
            long?[] nl => (long?[])nl.Clone(),
            int?[] ni => Array.ConvertAll(ni, x => (long?)x),
            short?[] ns => Array.ConvertAll(ns, x => (long?)x),
            byte?[] nb => Array.ConvertAll(nb, x => (long?)x),
            _ => throw new InvalidOperationException($"column '{Name}' holds {data.GetType().Name}, not integers representable as long"),
        };
    }

    internal static FitsColumnType InferType(Array data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var element = data.GetType().GetElementType()!;
        if (element.IsArray)
        {
            element = element.GetElementType()!;
        }

        return element switch
        {
            _ when element == typeof(bool) || element == typeof(bool?) => FitsColumnType.Logical,
            _ when element == typeof(byte) || element == typeof(sbyte) || element == typeof(byte?) => FitsColumnType.Byte,
            _ when element == typeof(short) || element == typeof(ushort) || element == typeof(short?) => FitsColumnType.Int16,
            _ when element == typeof(int) || element == typeof(uint) || element == typeof(int?) => FitsColumnType.Int32,
            _ when element == typeof(long) || element == typeof(ulong) || element == typeof(long?) => FitsColumnType.Int64,
            _ when element == typeof(float) || element == typeof(float?) => FitsColumnType.Single,
            _ when element == typeof(double) || element == typeof(double?) => FitsColumnType.Double,
            _ when element == typeof(string) => FitsColumnType.String,
            _ => throw new ArgumentException($"{data.GetType().Name} is not a supported FITS column type", nameof(data)),
        };
    }

    private double[] Scaled<T>(T[] values, Func<T, double> toDouble, long? nullValue = null)
        where T : struct
    {
        var result = new double[values.Length];
        double scale = Scale;
        double zero = Zero;
        for (int i = 0; i < values.Length; i++)
        {
            double v = toDouble(values[i]);
            result[i] = nullValue is { } n && v == n ? double.NaN : zero + (scale * v);
        }

        return result;
    }
}
