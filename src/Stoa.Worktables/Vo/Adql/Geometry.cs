using Stoa.Worktables.Search;

namespace Stoa.Worktables.Vo.Adql;

/// <summary>A geometry value of ADQL §2.4, in degrees on the celestial sphere.</summary>
internal abstract record Geometry;

/// <summary><c>POINT</c>.</summary>
internal sealed record GeoPoint(double Ra, double Dec) : Geometry
{
    /// <summary>The unit vector of the point.</summary>
    public (double X, double Y, double Z) Vector()
    {
        var (sinRa, cosRa) = Math.SinCos(Ra * Math.PI / 180);
        var (sinDec, cosDec) = Math.SinCos(Dec * Math.PI / 180);
        return (cosDec * cosRa, cosDec * sinRa, sinDec);
    }

    public double DistanceTo(GeoPoint other) => SkyDistance.Degrees(Ra, Dec, other.Ra, other.Dec);
}

/// <summary><c>CIRCLE</c>: the points within <see cref="Radius"/> degrees (great-circle distance) of the centre.</summary>
internal sealed record GeoCircle(GeoPoint Centre, double Radius) : Geometry;

/// <summary>
/// <c>BOX</c>: the points within half the width of the centre in RA (wrapping at 0/360) and half the height in Dec,
/// i.e. sides along lines of constant RA and Dec.
/// </summary>
internal sealed record GeoBox(GeoPoint Centre, double Width, double Height) : Geometry
{
    public bool Contains(GeoPoint p)
    {
        var dRa = Math.Abs(((p.Ra - Centre.Ra) % 360 + 540) % 360 - 180);
        return dRa <= Width / 2 && Math.Abs(p.Dec - Centre.Dec) <= Height / 2;
    }
}

/// <summary><c>POLYGON</c> with great-circle edges; only convex polygons are accepted, so containment is exact.</summary>
internal sealed record GeoPolygon(Seq<GeoPoint> Vertices) : Geometry
{
    /// <exception cref="AdqlException">Fewer than 3 vertices, or not convex.</exception>
    public static GeoPolygon Create(IReadOnlyList<GeoPoint> vertices)
    {
        if (vertices.Count < 3)
        {
            throw new AdqlException("POLYGON needs at least 3 vertices");
        }

        var polygon = new GeoPolygon(new Seq<GeoPoint>(vertices));
        // Convex: every vertex lies on the same side of every edge (or on it).
        var sign = 0;
        for (var i = 0; i < vertices.Count; i++)
        {
            foreach (var v in vertices)
            {
                var s = Math.Sign(polygon.Side(i, v));
                if (s != 0 && sign != 0 && s != sign)
                {
                    throw new AdqlException("POLYGON must be convex (its vertices in order around it): this service tests containment exactly for convex polygons only");
                }

                sign = sign == 0 ? s : sign;
            }
        }

        return polygon;
    }

    public bool Contains(GeoPoint p)
    {
        var sign = 0;
        for (var i = 0; i < Vertices.Count; i++)
        {
            var s = Math.Sign(Side(i, p));
            if (s != 0 && sign != 0 && s != sign)
            {
                return false;
            }

            sign = sign == 0 ? s : sign;
        }

        return true;
    }

    /// <summary>Which side of the great circle through edge <paramref name="i"/> the point is on: (a × b) · p.</summary>
    private double Side(int i, GeoPoint p)
    {
        var a = Vertices[i].Vector();
        var b = Vertices[(i + 1) % Vertices.Count].Vector();
        var v = p.Vector();
        var cx = (a.Y * b.Z) - (a.Z * b.Y);
        var cy = (a.Z * b.X) - (a.X * b.Z);
        var cz = (a.X * b.Y) - (a.Y * b.X);
        var d = (cx * v.X) + (cy * v.Y) + (cz * v.Z);
        // Points on an edge (to rounding) count as inside, as the vertices themselves do.
        return Math.Abs(d) < 1e-15 ? 0 : d;
    }
}
