namespace Stoa.Fits;

/// <summary>Exact element-type tests for arrays.</summary>
/// <remarks>The CLR lets <c>byte[]</c> pass as <c>sbyte[]</c>, <c>int[]</c> as <c>uint[]</c> and so on, so C# patterns
/// such as <c>data is uint[]</c> cannot tell signed from unsigned data; these checks compare the runtime type.</remarks>
internal static class UnsignedArrays
{
    /// <summary>The standard FITS offset (BZERO/TZERO) for unsigned data of this array's exact type, or null.</summary>
    public static double? OffsetOf(Array data)
    {
        var type = data.GetType();
        if (type.GetElementType() is { IsArray: true } inner)
        {
            type = inner;
        }

        if (type == typeof(sbyte[])) return -128;
        if (type == typeof(ushort[])) return 32768;
        if (type == typeof(uint[])) return 2147483648;
        if (type == typeof(ulong[])) return 9223372036854775808;
        return null;
    }

    public static bool IsUnsigned(Array data) => OffsetOf(data) is not null;
}
