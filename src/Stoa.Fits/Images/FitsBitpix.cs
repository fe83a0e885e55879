namespace Stoa.Fits;

/// <summary>The stored pixel type of an image (the <c>BITPIX</c> keyword).</summary>
public enum FitsBitpix
{
    /// <summary>Unsigned 8-bit integers (<c>BITPIX = 8</c>).</summary>
    UInt8 = 8,

    /// <summary>Signed 16-bit integers (<c>BITPIX = 16</c>).</summary>
    Int16 = 16,

    /// <summary>Signed 32-bit integers (<c>BITPIX = 32</c>).</summary>
    Int32 = 32,

    /// <summary>Signed 64-bit integers (<c>BITPIX = 64</c>).</summary>
    Int64 = 64,

    /// <summary>IEEE 754 single precision (<c>BITPIX = -32</c>).</summary>
    Single = -32,

    /// <summary>IEEE 754 double precision (<c>BITPIX = -64</c>).</summary>
    Double = -64,
}
