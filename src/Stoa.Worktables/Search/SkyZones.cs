namespace Stoa.Worktables.Search;

/// <summary>
/// The declination-zone sky index (Gray, Szalay et al., "There Goes the Neighborhood", 2006): the sphere is cut
/// into bands of <see cref="Height"/> degrees of declination; a position is kept under (zone, RA), so a cone is read
/// as one RA range (two across RA = 0/360) in each zone it touches, and a cap around a pole as whole zones. The
/// ranges only ever hold more than the cone (a margin covers rounding); the exact great-circle test is made on the
/// rows they return. Positions outside RA [0, 360) × Dec [-90, 90] are kept in zone <see cref="Odd"/>, which
/// every cone reads, so that the index never changes an answer, however strange the data.
/// </summary>
internal static class SkyZones
{
    /// <summary>Zone height, degrees: a 0.1° cone touches one or two zones; 721 zones in all.</summary>
    public const double Height = 0.25;

    /// <summary>The zone of every position outside the canonical ranges (and read by every cone).</summary>
    public const int Odd = -1;

    /// <summary>The last zone: Dec = +90 exactly.</summary>
    public const int Last = 720;

    /// <summary>What is added to the radius (degrees) before the ranges are drawn, for rounding in the stored values.</summary>
    public const double Margin = 1e-6;

    /// <summary>
    /// The zone of a position, as SQL over <c>ra</c> and <c>dec</c> (REAL). It must agree with <see cref="Zone"/>:
    /// both truncate the same IEEE product, and the ranges carry a margin besides.
    /// </summary>
    public const string ZoneSql = "CASE WHEN ra >= 0 AND ra < 360 AND dec >= -90 AND dec <= 90 THEN CAST((dec + 90) * 4 AS INTEGER) ELSE -1 END";

    /// <summary>The zone of a position; <see cref="Odd"/> outside RA [0, 360) × Dec [-90, 90].</summary>
    public static int Zone(double ra, double dec) =>
        ra is >= 0 and < 360 && dec is >= -90 and <= 90 ? (int)((dec + 90) * 4) : Odd;

    /// <summary>
    /// The (zone, RA from, RA to) ranges, bounds included, that hold every canonical position within
    /// <paramref name="radius"/> degrees of (<paramref name="ra"/>, <paramref name="dec"/>); zone <see cref="Odd"/>
    /// is not among them (read it always). Null when the cone is so large that reading the whole table is cheaper.
    /// </summary>
    public static IReadOnlyList<(int Zone, double From, double To)>? Ranges(double ra, double dec, double radius)
    {
        if (!(radius < 45) || !double.IsFinite(ra) || !(dec is >= -90 and <= 90) || !(radius >= 0))
        {
            return null;
        }

        var r = radius + Margin;
        var low = dec - r;
        var high = dec + r;
        var first = low <= -90 ? 0 : Math.Max(0, (int)((low + 90) * 4));
        var last = high >= 90 ? Last : Math.Min(Last, (int)((high + 90) * 4));
        var list = new List<(int, double, double)>();
        if (low <= -90 || high >= 90)
        {
            // The cap holds a pole: every RA.
            for (var z = first; z <= last; z++)
            {
                list.Add((z, 0, 360));
            }

            return list;
        }

        // Half the RA extent of a cap that does not hold a pole: sin α = sin r / cos δ (|δ| + r < 90 here).
        var sin = Math.Sin(r * Math.PI / 180) / Math.Cos(dec * Math.PI / 180);
        var alpha = sin >= 1 ? 180 : (Math.Asin(sin) * 180 / Math.PI) + Margin;
        var centre = ((ra % 360) + 360) % 360;
        var from = centre - alpha;
        var to = centre + alpha;
        for (var z = first; z <= last; z++)
        {
            if (alpha >= 180)
            {
                list.Add((z, 0, 360));
            }
            else if (from < 0)
            {
                list.Add((z, from + 360, 360));
                list.Add((z, 0, to));
            }
            else if (to >= 360)
            {
                list.Add((z, from, 360));
                list.Add((z, 0, to - 360));
            }
            else
            {
                list.Add((z, from, to));
            }
        }

        return list;
    }
}
