using System.Globalization;

namespace Stoa.Provenance;

/// <summary>xsd:dateTime formatting and parsing that always keeps the time zone.</summary>
internal static class ProvTime
{
    /// <summary>Formats as <c>yyyy-MM-ddTHH:mm:ss[.fffffff]</c> followed by <c>Z</c> or <c>±hh:mm</c>.</summary>
    public static string Format(DateTimeOffset time)
    {
        var core = time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        if (time.Offset == TimeSpan.Zero)
        {
            return core + "Z";
        }

        var offset = time.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        return string.Create(CultureInfo.InvariantCulture, $"{core}{sign}{offset.Hours:00}:{offset.Minutes:00}");
    }

    /// <summary>Formats like <see cref="Format(DateTimeOffset)"/> into <paramref name="destination"/> (at least 40 characters), without allocating.</summary>
    public static int Format(DateTimeOffset time, Span<char> destination)
    {
        time.TryFormat(destination, out var n, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        var offset = time.Offset;
        if (offset == TimeSpan.Zero)
        {
            destination[n++] = 'Z';
            return n;
        }

        destination[n++] = offset < TimeSpan.Zero ? '-' : '+';
        offset = offset.Duration();
        offset.Hours.TryFormat(destination[n..], out var h, "00", CultureInfo.InvariantCulture);
        n += h;
        destination[n++] = ':';
        offset.Minutes.TryFormat(destination[n..], out var m, "00", CultureInfo.InvariantCulture);
        return n + m;
    }

    /// <summary>True when the lexical xsd:dateTime ends in a zone (<c>Z</c> or <c>±hh:mm</c>).</summary>
    public static bool HasZone(string lexical)
    {
        if (lexical.EndsWith('Z'))
        {
            return true;
        }

        return lexical.Length >= 6 && (lexical[^6] == '+' || lexical[^6] == '-') && lexical[^3] == ':';
    }

    /// <summary>Parses an xsd:dateTime that carries a zone; returns false for a time without one.</summary>
    public static bool TryParse(string lexical, out DateTimeOffset time)
    {
        time = default;
        return HasZone(lexical)
            && DateTimeOffset.TryParse(lexical, CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }
}
