using System.Globalization;
using Stoa.Worktables.Export;

namespace Stoa.Worktables.Vo.Adql;

internal sealed partial class AdqlEvaluator
{
    private static readonly HashSet<string> Geometries = new(StringComparer.Ordinal) { "POINT", "CIRCLE", "BOX", "POLYGON" };

    /// <summary>A scalar function of already evaluated arguments; a null argument gives null (SQL).</summary>
    private static object? Function(string name, object?[] args)
    {
        if (args.Any(a => a is null))
        {
            return null;
        }

        switch (name)
        {
            case "PI":
                return Math.PI;
            case "ABS":
                return args[0] is long l ? Math.Abs(l) : Math.Abs(Number(name, args[0]));
            case "MOD":
                return args is [long a, long b]
                    ? b == 0 ? throw new AdqlException("MOD by zero") : a % b
                    : Number(name, args[0]) % Number(name, args[1]); // the sign of the dividend, as SQL's MOD
            case "ROUND" or "TRUNCATE":
                var digits = args.Length > 1 ? (int)Number(name, args[1]) : 0;
                var scale = Math.Pow(10, digits);
                var x = Number(name, args[0]) * scale;
                return (name == "ROUND" ? Math.Round(x, MidpointRounding.AwayFromZero) : Math.Truncate(x)) / scale;
            case "LOWER":
                return Str(name, args[0]).ToLowerInvariant();
            case "UPPER":
                return Str(name, args[0]).ToUpperInvariant();
            case "POINT" or "CIRCLE" or "BOX" or "POLYGON":
                return MakeGeometry(name, args);
            case "CONTAINS":
                return Contains(args[0], args[1]) ? 1L : 0L;
            case "INTERSECTS":
                return Intersects(args[0], args[1]) ? 1L : 0L;
            case "DISTANCE":
                var points = Points(name, Coordinates(args));
                return points.Count == 2 ? points[0].DistanceTo(points[1]) : throw new AdqlException("DISTANCE takes two POINTs, or four numbers (ra1, dec1, ra2, dec2)");
            case "COORD1":
                return args[0] is GeoPoint p1 ? p1.Ra : throw new AdqlException("COORD1 takes a POINT");
            case "COORD2":
                return args[0] is GeoPoint p2 ? p2.Dec : throw new AdqlException("COORD2 takes a POINT");
        }

        var v = Number(name, args[0]);
        return name switch
        {
            "CEILING" => Math.Ceiling(v),
            "FLOOR" => Math.Floor(v),
            "DEGREES" => v * 180 / Math.PI,
            "RADIANS" => v * Math.PI / 180,
            "EXP" => Math.Exp(v),
            "LOG" => Math.Log(v),
            "LOG10" => Math.Log10(v),
            "SQRT" => Math.Sqrt(v),
            "POWER" => Math.Pow(v, Number(name, args[1])),
            "ACOS" => Math.Acos(v),
            "ASIN" => Math.Asin(v),
            "ATAN" => Math.Atan(v),
            "ATAN2" => Math.Atan2(v, Number(name, args[1])),
            "COS" => Math.Cos(v),
            "SIN" => Math.Sin(v),
            "TAN" => Math.Tan(v),
            "COT" => 1 / Math.Tan(v),
            _ => throw new AdqlException($"{name} is not a function this service knows"),
        };
    }

    private static double Number(string function, object? v) => v is long or double
        ? Convert.ToDouble(v, CultureInfo.InvariantCulture)
        : throw new AdqlException($"{function} needs numbers, not {ValueComparer.Kind(v)}");

    private static string Str(string function, object? v) => v as string ?? throw new AdqlException($"{function} needs text, not {ValueComparer.Kind(v)}");

    /// <summary>The arguments without the leading coordinate system (ADQL 2.1 keeps it optional and this service ignores it: all is ICRS).</summary>
    private static object?[] Coordinates(object?[] args) => args is [string, ..] ? args[1..] : args;

    /// <summary>Points given as POINTs or as (ra, dec) number pairs.</summary>
    private static List<GeoPoint> Points(string function, object?[] args)
    {
        var points = new List<GeoPoint>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is GeoPoint p)
            {
                points.Add(p);
            }
            else if (i + 1 < args.Length && args[i] is long or double && args[i + 1] is long or double)
            {
                points.Add(Point(function, Number(function, args[i]), Number(function, args[i + 1])));
                i++;
            }
            else
            {
                throw new AdqlException($"{function}: expected a POINT or a pair of numbers (degrees), found {ValueComparer.Kind(args[i])}");
            }
        }

        return points;
    }

    private static GeoPoint Point(string function, double ra, double dec) =>
        double.IsFinite(ra) && dec is >= -90 and <= 90
            ? new GeoPoint(ra, dec)
            : throw new AdqlException($"{function}: ({ra}, {dec}) is not a position on the sky (Dec must be between -90 and 90 degrees)");

    private static Geometry MakeGeometry(string name, object?[] all)
    {
        var args = Coordinates(all);
        switch (name)
        {
            case "POINT":
                return args is [_, _] && Points(name, args) is [var p] ? p : throw new AdqlException("POINT takes ra and dec (degrees), after an optional coordinate system");
            case "POLYGON":
                return GeoPolygon.Create(Points(name, args));
        }

        // CIRCLE(centre, r) / CIRCLE(ra, dec, r); BOX(centre, w, h) / BOX(ra, dec, w, h).
        var sizes = name == "CIRCLE" ? 1 : 2;
        if (args.Length < sizes + 1 || Points(name, args[..^sizes]) is not [var centre])
        {
            throw new AdqlException($"{name} takes a centre (a POINT or ra, dec) then {(sizes == 1 ? "a radius" : "a width and a height")} in degrees");
        }

        var size = args[^sizes..].Select(a => Number(name, a)).ToArray();
        if (size.Any(s => !(s >= 0) || !double.IsFinite(s)))
        {
            throw new AdqlException($"{name}: sizes must be finite and not negative (degrees)");
        }

        return sizes == 1 ? new GeoCircle(centre, size[0]) : new GeoBox(centre, size[0], size[1]);
    }

    private static bool Contains(object? inner, object? outer) => (inner, outer) switch
    {
        (GeoPoint p, GeoCircle c) => p.DistanceTo(c.Centre) <= c.Radius,
        (GeoPoint p, GeoBox b) => b.Contains(p),
        (GeoPoint p, GeoPolygon g) => g.Contains(p),
        (GeoCircle a, GeoCircle b) => a.Centre.DistanceTo(b.Centre) + a.Radius <= b.Radius,
        _ => throw new AdqlException($"CONTAINS({ValueComparer.Kind(inner)}, {ValueComparer.Kind(outer)}) is not supported: give a POINT (or a CIRCLE) inside a CIRCLE, BOX or POLYGON"),
    };

    private static bool Intersects(object? a, object? b) => (a, b) switch
    {
        (GeoCircle x, GeoCircle y) => x.Centre.DistanceTo(y.Centre) <= x.Radius + y.Radius,
        (GeoPoint, Geometry) => Contains(a, b),
        (Geometry, GeoPoint) => Contains(b, a),
        _ => throw new AdqlException($"INTERSECTS({ValueComparer.Kind(a)}, {ValueComparer.Kind(b)}) is not supported: give two CIRCLEs, or a POINT and a region"),
    };

    /// <summary>The type of an output value, with the unit/UCD/description it carries (a column's own; a distance's).</summary>
    private (ExportKind Kind, string? Unit, string? Ucd, string? Description) TypeOf(AdqlExpr e)
    {
        switch (e)
        {
            case ColumnRef c:
                var (table, _, offset) = _scope.Last(s => s.Offset <= _slots[c]);
                var column = table.Columns[_slots[c] - offset];
                return (column.Kind, column.Unit, column.Ucd, column.Description);
            case IntegerLiteral:
                return (ExportKind.Long, null, null, null);
            case RealLiteral:
                return (ExportKind.Double, null, null, null);
            case StringLiteral:
                return (ExportKind.Text, null, null, null);
            case Negate n:
                return (Numeric(TypeOf(n.Operand).Kind), null, null, null);
            case Binary { Operator: "||" }:
                return (ExportKind.Text, null, null, null);
            case Binary b:
                var (l, r) = (Numeric(TypeOf(b.Left).Kind), Numeric(TypeOf(b.Right).Kind));
                return (l == ExportKind.Long && r == ExportKind.Long ? ExportKind.Long : ExportKind.Double, null, null, null);
            case Compare or Logical or Not or Between or Like or InList or IsNull:
                return (ExportKind.Boolean, null, null, null);
            case Call { Function: "COUNT" }:
                return (ExportKind.Long, null, "meta.number", null);
            case Call { Function: "MIN" or "MAX" } m:
                return TypeOf(m.Arguments[0]);
            case Call { Function: "SUM" } s:
                var inner = TypeOf(s.Arguments[0]);
                return (Numeric(inner.Kind) == ExportKind.Long ? ExportKind.Long : ExportKind.Double, inner.Unit, null, null);
            case Call { Function: "AVG" } a:
                return (ExportKind.Double, TypeOf(a.Arguments[0]).Unit, null, null);
            case Call { Function: "ABS" } a:
                return (Numeric(TypeOf(a.Arguments[0]).Kind), null, null, null);
            case Call { Function: "MOD" } m:
                return (m.Arguments.All(a => Numeric(TypeOf(a).Kind) == ExportKind.Long) ? ExportKind.Long : ExportKind.Double, null, null, null);
            case Call { Function: "CONTAINS" or "INTERSECTS" }:
                return (ExportKind.Int, null, null, null);
            case Call { Function: "LOWER" or "UPPER" }:
                return (ExportKind.Text, null, null, null);
            case Call { Function: "DISTANCE" }:
                return (ExportKind.Double, "deg", "pos.angDistance", "Great-circle distance");
            case Call { Function: "COORD1" or "COORD2" }:
                return (ExportKind.Double, "deg", null, null);
            case Call g when Geometries.Contains(g.Function):
                throw new AdqlException($"{g.Function} cannot be an output column: select its coordinates (COORD1, COORD2) or the columns it was made from");
            default:
                return (ExportKind.Double, null, null, null);
        }
    }

    private static ExportKind Numeric(ExportKind k) => k switch
    {
        ExportKind.Int or ExportKind.Long => ExportKind.Long,
        ExportKind.Float or ExportKind.Double => ExportKind.Double,
        _ => throw new AdqlException($"arithmetic needs numbers, not {k.ToString().ToLowerInvariant()} values"),
    };
}
