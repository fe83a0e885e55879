namespace Stoa.Worktables.Vo.Adql;

/// <summary>How ADQL values compare: numbers by value whatever their type (1 = 1.0), text ordinally, then booleans.</summary>
internal sealed class ValueComparer : IEqualityComparer<object?[]>
{
    public static readonly ValueComparer Rows = new();

    /// <exception cref="AdqlException">The values are of kinds that do not compare (text with a number…).</exception>
    public static int Compare(object x, object y) => (x, y) switch
    {
        (long a, long b) => a.CompareTo(b),
        (long or double, long or double) => Convert.ToDouble(x, null).CompareTo(Convert.ToDouble(y, null)),
        (string a, string b) => string.CompareOrdinal(a, b),
        (bool a, bool b) => a.CompareTo(b),
        _ => throw new AdqlException($"cannot compare {Kind(x)} with {Kind(y)}"),
    };

    public static string Kind(object? v) => v switch
    {
        null => "NULL",
        long or double => "a number",
        string => "text",
        bool => "a boolean",
        GeoPoint => "a POINT",
        Geometry => "a region",
        _ => v.GetType().Name,
    };

    public bool Equals(object?[]? x, object?[]? y)
    {
        if (x is null || y is null || x.Length != y.Length)
        {
            return ReferenceEquals(x, y);
        }

        for (var i = 0; i < x.Length; i++)
        {
            // For DISTINCT and GROUP BY, nulls are one group.
            if (x[i] is null || y[i] is null ? x[i] is not null || y[i] is not null : !Same(x[i]!, y[i]!))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(object?[] obj)
    {
        var hash = new HashCode();
        foreach (var v in obj)
        {
            hash.Add(v is long l ? ((double)l).GetHashCode() : v?.GetHashCode() ?? 0);
        }

        return hash.ToHashCode();
    }

    private static bool Same(object a, object b) => (a, b) switch
    {
        (long or double, long or double) => Compare(a, b) == 0,
        _ => a.Equals(b),
    };
}
