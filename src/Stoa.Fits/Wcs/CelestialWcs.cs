using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Stoa.Fits;

/// <summary>
/// A celestial world coordinate system (FITS WCS papers I and II): the linear part from <c>CRPIXi</c>, <c>CRVALi</c>
/// and <c>CDi_j</c> or <c>PCi_j</c> × <c>CDELTi</c> (or <c>CDELTi</c> with <c>CROTA2</c>), and a <c>SIN</c> or <c>TAN</c>
/// projection, converting pixel ↔ (RA, Dec) in degrees.
/// </summary>
/// <remarks>
/// <para><b>Pixel convention.</b> This API uses <b>0-based</b> pixel coordinates: (0, 0) is the centre of the first
/// pixel, the element at index 0 of <see cref="FitsImage.ReadPixels{T}()"/>. FITS (and <c>CRPIXi</c>) count from 1:
/// FITS pixel = this API's pixel + 1. This matches astropy's <c>wcs_pix2world(..., 0)</c>.</para>
/// <para>x runs along the first celestial axis (usually <c>NAXIS1</c>), y along the second. Other axes (frequency,
/// Stokes in a 4-D radio image) are taken at their reference pixel; terms of <c>PCi_j</c>/<c>CDi_j</c> coupling them with
/// the celestial axes are ignored. Angles are in degrees; RA is returned in [0, 360).</para>
/// <para>When a header has more than one form of the linear part, <c>PCi_j</c> wins over <c>CDi_j</c>, which wins over
/// <c>CROTA2</c> (as in WCSLIB).</para>
/// </remarks>
public sealed class CelestialWcs
{
    private const double D2R = Math.PI / 180;
    private const double R2D = 180 / Math.PI;
    private readonly double _det;
    private readonly double _sinDecP;
    private readonly double _cosDecP;

    private CelestialWcs(FitsProjection projection, int lonAxis, int latAxis, double crval1, double crval2, double crpix1, double crpix2,
        double cd11, double cd12, double cd21, double cd22, double lonPole, double xi, double eta, string lonType, string latType)
    {
        Projection = projection;
        LongitudeAxis = lonAxis;
        LatitudeAxis = latAxis;
        ReferenceRa = crval1;
        ReferenceDec = crval2;
        Crpix1 = crpix1;
        Crpix2 = crpix2;
        Cd11 = cd11;
        Cd12 = cd12;
        Cd21 = cd21;
        Cd22 = cd22;
        LonPole = lonPole;
        Xi = xi;
        Eta = eta;
        LongitudeType = lonType;
        LatitudeType = latType;
        _det = (cd11 * cd22) - (cd12 * cd21);
        if (_det == 0 || !double.IsFinite(_det))
        {
            throw new FitsFormatException($"WCS: the pixel-to-world matrix [[{cd11}, {cd12}], [{cd21}, {cd22}]] is singular");
        }

        _sinDecP = Math.Sin(crval2 * D2R);
        _cosDecP = Math.Cos(crval2 * D2R);
    }

    /// <summary>Gets the projection.</summary>
    public FitsProjection Projection { get; }

    /// <summary>Gets the 1-based FITS axis number of the longitude (RA) axis.</summary>
    public int LongitudeAxis { get; }

    /// <summary>Gets the 1-based FITS axis number of the latitude (Dec) axis.</summary>
    public int LatitudeAxis { get; }

    /// <summary>Gets the longitude part of <c>CTYPE</c>, e.g. <c>"RA"</c> or <c>"GLON"</c>.</summary>
    public string LongitudeType { get; }

    /// <summary>Gets the latitude part of <c>CTYPE</c>, e.g. <c>"DEC"</c> or <c>"GLAT"</c>.</summary>
    public string LatitudeType { get; }

    /// <summary>Gets the reference longitude (<c>CRVAL</c> of the longitude axis), degrees.</summary>
    public double ReferenceRa { get; }

    /// <summary>Gets the reference latitude (<c>CRVAL</c> of the latitude axis), degrees.</summary>
    public double ReferenceDec { get; }

    /// <summary>Gets <c>CRPIX</c> of the first celestial axis: the reference pixel, <b>1-based</b> as in FITS.</summary>
    public double Crpix1 { get; }

    /// <summary>Gets <c>CRPIX</c> of the second celestial axis: the reference pixel, <b>1-based</b> as in FITS.</summary>
    public double Crpix2 { get; }

    /// <summary>Gets the matrix element ∂(longitude offset)/∂x, degrees per pixel (<c>CD1_1</c> in the usual axis order).</summary>
    public double Cd11 { get; }

    /// <summary>Gets the matrix element ∂(longitude offset)/∂y, degrees per pixel.</summary>
    public double Cd12 { get; }

    /// <summary>Gets the matrix element ∂(latitude offset)/∂x, degrees per pixel.</summary>
    public double Cd21 { get; }

    /// <summary>Gets the matrix element ∂(latitude offset)/∂y, degrees per pixel.</summary>
    public double Cd22 { get; }

    /// <summary>Gets <c>LONPOLE</c>, the native longitude of the celestial pole, degrees (default 180, or 0 when the reference is the pole).</summary>
    public double LonPole { get; }

    /// <summary>Gets the <c>SIN</c> projection parameter ξ (<c>PV2_1</c> on the latitude axis); 0 for a plain orthographic projection.</summary>
    public double Xi { get; }

    /// <summary>Gets the <c>SIN</c> projection parameter η (<c>PV2_2</c>); 0 for a plain orthographic projection.</summary>
    public double Eta { get; }

    /// <summary>Creates an equatorial (RA, Dec) WCS with axes 1 and 2 celestial and no rotation.</summary>
    /// <param name="projection">The projection.</param>
    /// <param name="referenceRa">CRVAL1, degrees.</param>
    /// <param name="referenceDec">CRVAL2, degrees.</param>
    /// <param name="crpix1">CRPIX1, <b>1-based</b> FITS pixel of the reference point along x.</param>
    /// <param name="crpix2">CRPIX2, <b>1-based</b> FITS pixel of the reference point along y.</param>
    /// <param name="cdelt1">CDELT1, degrees per pixel along x (negative for RA increasing to the left, as usual).</param>
    /// <param name="cdelt2">CDELT2, degrees per pixel along y.</param>
    /// <returns>The WCS.</returns>
    public static CelestialWcs Create(FitsProjection projection, double referenceRa, double referenceDec, double crpix1, double crpix2, double cdelt1, double cdelt2) =>
        new(projection, 1, 2, referenceRa, referenceDec, crpix1, crpix2, cdelt1, 0, 0, cdelt2, DefaultLonPole(referenceDec), 0, 0, "RA", "DEC");

    /// <summary>Reads the celestial WCS of a header.</summary>
    /// <param name="header">An image header.</param>
    /// <returns>The WCS.</returns>
    /// <exception cref="FitsFormatException">The header has no celestial axis pair, or its WCS keywords are inconsistent.</exception>
    /// <exception cref="NotSupportedException">The projection is not SIN or TAN, or a CUNIT is not an angle.</exception>
    public static CelestialWcs FromHeader(FitsHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var (lon, lat, lonType, latType, code) = FindAxes(header)
            ?? throw new FitsFormatException("WCS: no pair of celestial axes (CTYPEi like 'RA---SIN' and 'DEC--SIN') in the header");
        var projection = code switch
        {
            "SIN" => FitsProjection.Sin,
            "TAN" => FitsProjection.Tan,
            _ => throw new NotSupportedException($"WCS: projection '{code}' (CTYPE{lon} = '{header.GetString("CTYPE" + lon)}') is not supported; SIN and TAN are"),
        };

        int a1 = Math.Min(lon, lat);
        int a2 = Math.Max(lon, lat);
        double u1 = UnitFactor(header, a1);
        double u2 = UnitFactor(header, a2);
        double m11, m12, m21, m22;
        if (HasAny(header, "PC", a1, a2))
        {
            double c1 = header.GetDouble("CDELT" + a1, 1);
            double c2 = header.GetDouble("CDELT" + a2, 1);
            m11 = c1 * header.GetDouble($"PC{a1}_{a1}", 1);
            m12 = c1 * header.GetDouble($"PC{a1}_{a2}", 0);
            m21 = c2 * header.GetDouble($"PC{a2}_{a1}", 0);
            m22 = c2 * header.GetDouble($"PC{a2}_{a2}", 1);
        }
        else if (HasAny(header, "CD", a1, a2))
        {
            m11 = header.GetDouble($"CD{a1}_{a1}", 0);
            m12 = header.GetDouble($"CD{a1}_{a2}", 0);
            m21 = header.GetDouble($"CD{a2}_{a1}", 0);
            m22 = header.GetDouble($"CD{a2}_{a2}", 0);
        }
        else
        {
            double c1 = header.GetDouble("CDELT" + a1, 1);
            double c2 = header.GetDouble("CDELT" + a2, 1);

            // AIPS convention: CROTA on the latitude axis rotates the pixel grid (paper II, eq. 188).
            double rho = header.GetDouble("CROTA" + lat, 0) * D2R;
            double sign = lat == a2 ? 1 : -1;
            m11 = c1 * Math.Cos(rho);
            m12 = -sign * c2 * Math.Sin(rho);
            m21 = sign * c1 * Math.Sin(rho);
            m22 = c2 * Math.Cos(rho);
        }

        m11 *= u1;
        m12 *= u1;
        m21 *= u2;
        m22 *= u2;
        double crval1 = header.GetDouble("CRVAL" + lon, 0) * (lon == a1 ? u1 : u2);
        double crval2 = header.GetDouble("CRVAL" + lat, 0) * (lat == a1 ? u1 : u2);
        double crpix1 = header.GetDouble("CRPIX" + a1, 0);
        double crpix2 = header.GetDouble("CRPIX" + a2, 0);
        if (lon != a1)
        {
            // Keep rows in (longitude, latitude) order: swap the world rows of the matrix.
            (m11, m12, m21, m22) = (m21, m22, m11, m12);
        }

        double lonPole = header.GetDouble("LONPOLE", DefaultLonPole(crval2));
        double xi = projection == FitsProjection.Sin ? header.GetDouble($"PV{lat}_1", 0) : 0;
        double eta = projection == FitsProjection.Sin ? header.GetDouble($"PV{lat}_2", 0) : 0;
        return new CelestialWcs(projection, lon, lat, crval1, crval2, crpix1, crpix2, m11, m12, m21, m22, lonPole, xi, eta, lonType, latType);
    }

    /// <summary>Reads the celestial WCS of a header, if it has one this class supports.</summary>
    /// <param name="header">An image header.</param>
    /// <param name="wcs">The WCS, or null.</param>
    /// <returns><see langword="true"/> when a SIN or TAN celestial WCS was read.</returns>
    public static bool TryFromHeader(FitsHeader header, [NotNullWhen(true)] out CelestialWcs? wcs)
    {
        try
        {
            wcs = FromHeader(header);
            return true;
        }
        catch (Exception e) when (e is FitsFormatException or NotSupportedException)
        {
            wcs = null;
            return false;
        }
    }

    /// <summary>Converts a <b>0-based</b> pixel position to world coordinates.</summary>
    /// <param name="x">0-based pixel coordinate along the first celestial axis (FITS pixel − 1).</param>
    /// <param name="y">0-based pixel coordinate along the second celestial axis.</param>
    /// <returns>(RA, Dec) — or (longitude, latitude) for other systems — in degrees, RA in [0, 360);
    /// NaN when the pixel lies outside the projection's domain (beyond the horizon of SIN).</returns>
    public (double Ra, double Dec) PixelToWorld(double x, double y)
    {
        double dx = x + 1 - Crpix1;
        double dy = y + 1 - Crpix2;
        double px = (Cd11 * dx) + (Cd12 * dy);
        double py = (Cd21 * dx) + (Cd22 * dy);
        var (phi, theta) = Deproject(px, py);
        if (double.IsNaN(theta))
        {
            return (double.NaN, double.NaN);
        }

        return NativeToCelestial(phi, theta);
    }

    /// <summary>Converts world coordinates to a <b>0-based</b> pixel position.</summary>
    /// <param name="ra">RA (longitude), degrees.</param>
    /// <param name="dec">Dec (latitude), degrees.</param>
    /// <returns>0-based (x, y) (FITS pixel − 1); NaN when the position cannot be projected (the far hemisphere).</returns>
    public (double X, double Y) WorldToPixel(double ra, double dec)
    {
        var (phi, theta) = CelestialToNative(ra, dec);
        var (px, py) = Project(phi, theta);
        if (double.IsNaN(px))
        {
            return (double.NaN, double.NaN);
        }

        double dx = ((Cd22 * px) - (Cd12 * py)) / _det;
        double dy = ((-Cd21 * px) + (Cd11 * py)) / _det;
        return (dx + Crpix1 - 1, dy + Crpix2 - 1);
    }

    /// <summary>Writes this WCS to a header as <c>CTYPE</c>, <c>CRVAL</c>, <c>CRPIX</c>, <c>CDELT</c>, <c>PC</c> (when
    /// rotated), <c>CUNIT</c> and <c>LONPOLE</c>/<c>PV</c> where needed, on axes <see cref="LongitudeAxis"/>/<see cref="LatitudeAxis"/>.</summary>
    /// <param name="header">The header to update (existing keywords are replaced).</param>
    public void WriteTo(FitsHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        int a1 = Math.Min(LongitudeAxis, LatitudeAxis);
        int a2 = Math.Max(LongitudeAxis, LatitudeAxis);
        string code = Projection == FitsProjection.Sin ? "SIN" : "TAN";
        header.Set("CTYPE" + LongitudeAxis, (LongitudeType + "----")[..4] + "-" + code);
        header.Set("CTYPE" + LatitudeAxis, (LatitudeType + "----")[..4] + "-" + code);
        header.Set("CRVAL" + LongitudeAxis, ReferenceRa, "degrees");
        header.Set("CRVAL" + LatitudeAxis, ReferenceDec, "degrees");
        header.Set("CRPIX" + a1, Crpix1, "1-based reference pixel");
        header.Set("CRPIX" + a2, Crpix2, "1-based reference pixel");
        header.Set("CUNIT" + a1, "deg");
        header.Set("CUNIT" + a2, "deg");

        // Rows of the stored matrix are (longitude, latitude); FITS rows follow the axis numbers.
        var (r1, r2) = LongitudeAxis == a1 ? ((Cd11, Cd12), (Cd21, Cd22)) : ((Cd21, Cd22), (Cd11, Cd12));
        double c1 = r1.Item1 != 0 ? r1.Item1 : 1;
        double c2 = r2.Item2 != 0 ? r2.Item2 : 1;
        header.Set("CDELT" + a1, c1, "degrees per pixel");
        header.Set("CDELT" + a2, c2, "degrees per pixel");
        foreach (string key in new[] { $"CD{a1}_{a1}", $"CD{a1}_{a2}", $"CD{a2}_{a1}", $"CD{a2}_{a2}", "CROTA" + a1, "CROTA" + a2 })
        {
            header.Remove(key);
        }

        bool diagonal = r1.Item2 == 0 && r2.Item1 == 0 && r1.Item1 != 0 && r2.Item2 != 0;
        if (!diagonal || header.Contains($"PC{a1}_{a1}"))
        {
            header.Set($"PC{a1}_{a1}", r1.Item1 / c1);
            header.Set($"PC{a1}_{a2}", r1.Item2 / c1);
            header.Set($"PC{a2}_{a1}", r2.Item1 / c2);
            header.Set($"PC{a2}_{a2}", r2.Item2 / c2);
        }

        if (LonPole != DefaultLonPole(ReferenceDec))
        {
            header.Set("LONPOLE", LonPole);
        }

        if (Xi != 0 || Eta != 0)
        {
            header.Set($"PV{LatitudeAxis}_1", Xi);
            header.Set($"PV{LatitudeAxis}_2", Eta);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{LongitudeType}/{LatitudeType} {Projection} at ({ReferenceRa}, {ReferenceDec}) deg, CRPIX ({Crpix1}, {Crpix2}), CD [[{Cd11}, {Cd12}], [{Cd21}, {Cd22}]]");

    private static double DefaultLonPole(double referenceLatitude) => referenceLatitude >= 90 ? 0 : 180;

    /// <summary>Projection plane (x, y) in degrees → native (φ, θ) in degrees (paper II, sections 5.1.3 and 5.1.5).</summary>
    private (double Phi, double Theta) Deproject(double x, double y)
    {
        if (Projection == FitsProjection.Tan)
        {
            double r = Math.Sqrt((x * x) + (y * y));
            double phi = r == 0 ? 0 : Math.Atan2(x, -y) * R2D;
            return (phi, Math.Atan2(R2D, r) * R2D);
        }

        double X = x * D2R;
        double Y = y * D2R;
        if (Xi == 0 && Eta == 0)
        {
            double r2 = (X * X) + (Y * Y);
            if (r2 > 1)
            {
                return (double.NaN, double.NaN);
            }

            double phi = r2 == 0 ? 0 : Math.Atan2(X, -Y) * R2D;
            return (phi, Math.Acos(Math.Sqrt(r2)) * R2D);
        }

        // Slant orthographic: solve a quadratic in sin θ and take the root nearest the pole.
        double a = (Xi * Xi) + (Eta * Eta) + 1;
        double b = (Xi * (X - Xi)) + (Eta * (Y - Eta));
        double c = ((X - Xi) * (X - Xi)) + ((Y - Eta) * (Y - Eta)) - 1;
        double disc = (b * b) - (a * c);
        if (disc < 0)
        {
            return (double.NaN, double.NaN);
        }

        double s1 = (-b + Math.Sqrt(disc)) / a;
        double s2 = (-b - Math.Sqrt(disc)) / a;
        double s = Math.Abs(s1 - 1) <= Math.Abs(s2 - 1) ? s1 : s2;
        if (s > 1 && s - 1 < 1e-13)
        {
            s = 1;
        }

        if (s is < -1 or > 1)
        {
            return (double.NaN, double.NaN);
        }

        double k = 1 - s;
        double px = X - (Xi * k);
        double py = Y - (Eta * k);
        double phiSlant = px == 0 && py == 0 ? 0 : Math.Atan2(px, -py) * R2D;
        return (phiSlant, Math.Asin(s) * R2D);
    }

    /// <summary>Native (φ, θ) → projection plane (x, y), degrees.</summary>
    private (double X, double Y) Project(double phi, double theta)
    {
        double sinPhi = Math.Sin(phi * D2R);
        double cosPhi = Math.Cos(phi * D2R);
        if (Projection == FitsProjection.Tan)
        {
            if (theta <= 0)
            {
                return (double.NaN, double.NaN);
            }

            double r = R2D / Math.Tan(theta * D2R);
            return (r * sinPhi, -r * cosPhi);
        }

        if (theta < 0)
        {
            return (double.NaN, double.NaN);
        }

        double cosT = Math.Cos(theta * D2R);
        double k = 1 - Math.Sin(theta * D2R);
        return (R2D * ((cosT * sinPhi) + (Xi * k)), -R2D * ((cosT * cosPhi) - (Eta * k)));
    }

    /// <summary>Native → celestial spherical rotation (paper II, eq. 2) for zenithal projections, where the native
    /// pole is at the celestial reference point.</summary>
    private (double Ra, double Dec) NativeToCelestial(double phi, double theta)
    {
        double t = theta * D2R;
        double dphi = (phi - LonPole) * D2R;
        double sinT = Math.Sin(t);
        double cosT = Math.Cos(t);
        double dec = Math.Asin(Math.Clamp((sinT * _sinDecP) + (cosT * _cosDecP * Math.Cos(dphi)), -1, 1));
        double ra = ReferenceRa + (Math.Atan2(-cosT * Math.Sin(dphi), (sinT * _cosDecP) - (cosT * _sinDecP * Math.Cos(dphi))) * R2D);
        ra %= 360;
        if (ra < 0)
        {
            ra += 360;
        }

        return (ra, dec * R2D);
    }

    private (double Phi, double Theta) CelestialToNative(double ra, double dec)
    {
        double d = dec * D2R;
        double da = (ra - ReferenceRa) * D2R;
        double sinD = Math.Sin(d);
        double cosD = Math.Cos(d);
        double theta = Math.Asin(Math.Clamp((sinD * _sinDecP) + (cosD * _cosDecP * Math.Cos(da)), -1, 1));
        double phi = LonPole + (Math.Atan2(-cosD * Math.Sin(da), (sinD * _cosDecP) - (cosD * _sinDecP * Math.Cos(da))) * R2D);
        return (phi, theta * R2D);
    }

    private static (int Lon, int Lat, string LonType, string LatType, string Code)? FindAxes(FitsHeader header)
    {
        long naxis = header.GetInt64("WCSAXES", header.GetInt64("NAXIS", 0));
        naxis = Math.Clamp(naxis, 0, 999);
        int lon = 0;
        int lat = 0;
        string lonType = string.Empty;
        string latType = string.Empty;
        string code = string.Empty;
        for (int i = 1; i <= Math.Max(naxis, 2); i++)
        {
            if (!header.TryGetString("CTYPE" + i, out string ctype) || ctype.Length < 8 || ctype[4] != '-')
            {
                continue;
            }

            string kind = ctype[..4].TrimEnd('-');
            string proj = ctype.Substring(5, 3);
            if (kind is "RA" or "GLON" or "ELON" or "HLON" or "SLON" || (kind.Length == 4 && kind[1..] == "LON"))
            {
                (lon, lonType, code) = (i, kind, proj);
            }
            else if (kind is "DEC" or "GLAT" or "ELAT" or "HLAT" or "SLAT" || (kind.Length == 4 && kind[1..] == "LAT"))
            {
                (lat, latType) = (i, kind);
                if (code.Length == 0)
                {
                    code = proj;
                }
            }
        }

        return lon > 0 && lat > 0 ? (lon, lat, lonType, latType, code) : null;
    }

    private static bool HasAny(FitsHeader header, string prefix, int a1, int a2) =>
        header.Contains($"{prefix}{a1}_{a1}") || header.Contains($"{prefix}{a1}_{a2}") || header.Contains($"{prefix}{a2}_{a1}") || header.Contains($"{prefix}{a2}_{a2}");

    private static double UnitFactor(FitsHeader header, int axis)
    {
        string unit = header.GetString("CUNIT" + axis, "deg").Trim();
        return unit switch
        {
            "" or "deg" => 1,
            "arcmin" => 1.0 / 60,
            "arcsec" => 1.0 / 3600,
            "mas" => 1.0 / 3_600_000,
            "rad" => R2D,
            _ => throw new NotSupportedException($"WCS: CUNIT{axis} = '{unit}' is not an angle unit (deg, arcmin, arcsec, mas, rad)"),
        };
    }
}
