namespace Stoa.Fits;

/// <summary>The celestial projections <see cref="CelestialWcs"/> implements (Calabretta &amp; Greisen 2002, paper II).</summary>
public enum FitsProjection
{
    /// <summary><c>SIN</c>: slant orthographic (zenithal), as used for radio synthesis images; <c>PV2_1</c>/<c>PV2_2</c> honoured.</summary>
    Sin,

    /// <summary><c>TAN</c>: gnomonic (zenithal), as used for optical images.</summary>
    Tan,
}
