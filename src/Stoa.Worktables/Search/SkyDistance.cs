namespace Stoa.Worktables.Search;

/// <summary>Great-circle distance between two points on the celestial sphere.</summary>
internal static class SkyDistance
{
    private const double Radians = Math.PI / 180;

    /// <summary>
    /// The angle between (<paramref name="ra1"/>, <paramref name="dec1"/>) and (<paramref name="ra2"/>,
    /// <paramref name="dec2"/>), all in degrees, in [0, 180]. Uses the Vincenty form
    /// <c>atan2(√((cos δ₂ sin Δα)² + (cos δ₁ sin δ₂ − sin δ₁ cos δ₂ cos Δα)²), sin δ₁ sin δ₂ + cos δ₁ cos δ₂ cos Δα)</c>,
    /// which keeps full relative precision at tiny separations (where <c>acos</c> of the dot product loses it) and
    /// near the antipode (where the haversine form does), and needs no RA wrapping: Δα enters only through sin/cos.
    /// </summary>
    public static double Degrees(double ra1, double dec1, double ra2, double dec2)
    {
        var (sinDa, cosDa) = Math.SinCos((ra2 - ra1) * Radians);
        var (sin1, cos1) = Math.SinCos(dec1 * Radians);
        var (sin2, cos2) = Math.SinCos(dec2 * Radians);
        var x = cos2 * sinDa;
        var y = (cos1 * sin2) - (sin1 * cos2 * cosDa);
        var z = (sin1 * sin2) + (cos1 * cos2 * cosDa);
        return Math.Atan2(Math.Sqrt((x * x) + (y * y)), z) / Radians;
    }
}
