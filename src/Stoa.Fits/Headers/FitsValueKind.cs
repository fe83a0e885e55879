namespace Stoa.Fits;

/// <summary>The kind of value a header card holds (FITS Standard 4.0, section 4.2).</summary>
public enum FitsValueKind
{
    /// <summary>A commentary card (<c>COMMENT</c>, <c>HISTORY</c>, blank keyword, or any card without
    /// <c>"= "</c> in columns 9–10): <see cref="FitsCard.Value"/> is the text of columns 9–80.</summary>
    Commentary,

    /// <summary>A keyword with a value indicator but no value (an undefined value); <see cref="FitsCard.Value"/> is null.</summary>
    Undefined,

    /// <summary>A character string (<see cref="string"/>), possibly continued over <c>CONTINUE</c> cards.</summary>
    String,

    /// <summary>A logical value <c>T</c> or <c>F</c> (<see cref="bool"/>).</summary>
    Logical,

    /// <summary>An integer (<see cref="long"/>).</summary>
    Integer,

    /// <summary>A floating-point number (<see cref="double"/>).</summary>
    Real,

    /// <summary>A complex number, integer or floating (<see cref="System.Numerics.Complex"/>).</summary>
    Complex,
}
