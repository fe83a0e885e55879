namespace Stoa.Fits;

/// <summary>The element type of a binary-table column (the letter in <c>TFORMn</c>, FITS 4.0 table 18).</summary>
public enum FitsColumnType
{
    /// <summary><c>L</c>: logical, one byte <c>T</c>/<c>F</c>/0 (0 is null); data as <see cref="T:bool?[]"/>.</summary>
    Logical,

    /// <summary><c>X</c>: bits, most significant first; data as <see cref="T:bool[]"/> (rows × repeat).</summary>
    Bit,

    /// <summary><c>B</c>: unsigned byte; data as <see cref="T:byte[]"/>, or <see cref="T:sbyte[]"/> with <c>TZERO = -128</c>.</summary>
    Byte,

    /// <summary><c>I</c>: 16-bit integer; data as <see cref="T:short[]"/>, or <see cref="T:ushort[]"/> with <c>TZERO = 32768</c>.</summary>
    Int16,

    /// <summary><c>J</c>: 32-bit integer; data as <see cref="T:int[]"/>, or <see cref="T:uint[]"/> with <c>TZERO = 2147483648</c>.</summary>
    Int32,

    /// <summary><c>K</c>: 64-bit integer; data as <see cref="T:long[]"/>, or <see cref="T:ulong[]"/> with <c>TZERO = 9223372036854775808</c>.</summary>
    Int64,

    /// <summary><c>E</c>: single precision; data as <see cref="T:float[]"/> (NaN is null).</summary>
    Single,

    /// <summary><c>D</c>: double precision; data as <see cref="T:double[]"/> (NaN is null).</summary>
    Double,

    /// <summary><c>A</c>: ASCII characters; data as <see cref="T:string[]"/>, one string of up to repeat characters per row.</summary>
    String,

    /// <summary><c>C</c>: single-precision complex; data as <see cref="T:float[]"/> holding (real, imaginary) pairs.</summary>
    ComplexSingle,

    /// <summary><c>M</c>: double-precision complex; data as <see cref="T:double[]"/> holding (real, imaginary) pairs.</summary>
    ComplexDouble,
}
