using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Stoa.Worktables.Search;

namespace Stoa.Worktables.Vo.Scs;

/// <summary>
/// The parameters of an IVOA Simple Cone Search 1.03 request: the cone's centre (<c>RA</c>, <c>DEC</c>, ICRS) and
/// radius (<c>SR</c>), all in decimal degrees. Parse one from a query string with <see cref="TryParse"/>.
/// </summary>
/// <param name="Ra">Right ascension of the centre, degrees, 0 to 360.</param>
/// <param name="Dec">Declination of the centre, degrees, -90 to 90.</param>
/// <param name="Sr">Search radius, degrees, 0 to 180.</param>
public sealed record ConeSearchRequest(double Ra, double Dec, double Sr)
{
    /// <summary>
    /// Reads <c>RA</c>, <c>DEC</c> and <c>SR</c> from request parameters: names are matched in any case, other
    /// parameters (<c>VERB</c>, …) are ignored, as SCS asks. A missing, repeated, non-numeric or out-of-range value is
    /// an error naming the parameter and, where there is one, the value given.
    /// </summary>
    /// <param name="parameters">The request's parameters as (name, value) pairs; a repeated parameter appears once per value.</param>
    /// <param name="request">The request, when the parameters make one.</param>
    /// <param name="error">Otherwise, why not, in one sentence (for the SCS error document).</param>
    /// <returns>Whether the parameters make a request.</returns>
    public static bool TryParse(IEnumerable<KeyValuePair<string, string?>> parameters, [NotNullWhen(true)] out ConeSearchRequest? request, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var values = parameters
            .Where(p => p.Key.ToUpperInvariant() is "RA" or "DEC" or "SR")
            .GroupBy(p => p.Key.ToUpperInvariant(), p => p.Value ?? string.Empty, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        request = null;
        if (!Degrees(values, "RA", out var ra, out error) || !Degrees(values, "DEC", out var dec, out error) || !Degrees(values, "SR", out var sr, out error))
        {
            return false;
        }

        if (ConeSearch.RangeError(ra, dec, sr) is { } range)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"{range.Message} Given: {range.Value}.");
            return false;
        }

        request = new ConeSearchRequest(ra, dec, sr);
        return true;
    }

    private static bool Degrees(Dictionary<string, List<string>> values, string name, out double value, [NotNullWhen(false)] out string? error)
    {
        value = 0;
        error = null;
        if (!values.TryGetValue(name, out var given))
        {
            error = $"missing parameter {name}: Simple Cone Search needs RA, DEC and SR in decimal degrees.";
        }
        else if (given.Count > 1)
        {
            error = $"{name} is given {given.Count} times; give it once.";
        }
        else if (!double.TryParse(given[0], NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            error = $"{name}: '{given[0]}' is not a decimal number of degrees.";
        }

        return error is null;
    }
}
