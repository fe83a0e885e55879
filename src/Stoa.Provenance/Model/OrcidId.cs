namespace Stoa.Provenance;

/// <summary>ORCID iDs as given by users: <c>0000-0002-1825-0097</c> or <c>https://orcid.org/0000-0002-1825-0097</c>.</summary>
internal static class OrcidId
{
    /// <summary>The bare iD (<c>0000-0002-1825-0097</c>, last character a digit or X), or null when the text is not one.</summary>
    public static string? TryParse(string text)
    {
        var id = text.Trim();
        id = id[(id.LastIndexOf('/') + 1)..];
        if (id.Length != 19)
        {
            return null;
        }

        for (var i = 0; i < 19; i++)
        {
            var ok = i is 4 or 9 or 14 ? id[i] == '-' : char.IsAsciiDigit(id[i]) || (i == 18 && id[i] == 'X');
            if (!ok)
            {
                return null;
            }
        }

        return id;
    }
}
