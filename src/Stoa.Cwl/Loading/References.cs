namespace Stoa.Cwl.Loading;

/// <summary>Resolving references (<c>file.cwl#frag</c>, <c>file://</c> URIs, relative paths) against a base file.</summary>
internal static class References
{
    /// <summary>Turns a reference into an absolute local path (fragment kept) relative to <paramref name="baseFile"/>.</summary>
    public static string Resolve(string baseFile, string reference)
    {
        var (path, frag) = SplitFragment(reference);
        if (path.Length == 0)
        {
            return frag is null ? baseFile : baseFile + "#" + frag;
        }

        path = ToLocalPath(path);
        if (!Path.IsPathRooted(path))
        {
            var dir = Path.GetDirectoryName(baseFile) ?? ".";
            path = Path.GetFullPath(Path.Combine(dir, path));
        }

        return frag is null ? path : path + "#" + frag;
    }

    public static (string Path, string? Fragment) SplitFragment(string reference)
    {
        if (reference.StartsWith("file://", StringComparison.Ordinal))
        {
            var hash = reference.IndexOf('#', StringComparison.Ordinal);
            return hash < 0 ? (reference, null) : (reference[..hash], reference[(hash + 1)..]);
        }

        var i = reference.IndexOf('#', StringComparison.Ordinal);
        return i < 0 ? (reference, null) : (reference[..i], reference[(i + 1)..]);
    }

    /// <summary>A <c>file://</c> URI or plain path as a local path (percent-escapes decoded).</summary>
    public static string ToLocalPath(string pathOrUri)
    {
        if (pathOrUri.StartsWith("file://", StringComparison.Ordinal))
        {
            return Uri.UnescapeDataString(pathOrUri["file://".Length..]);
        }

        return pathOrUri;
    }

    /// <summary>A local absolute path as a <c>file://</c> URI, escaping only what URIs must.</summary>
    public static string ToUri(string path)
    {
        var sb = new System.Text.StringBuilder("file://");
        foreach (var c in path)
        {
            if (c is '%' or ' ' or '#' or '?' || c < 0x20 || c > 0x7e)
            {
                foreach (var b in System.Text.Encoding.UTF8.GetBytes(c.ToString()))
                {
                    sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>The short name of an id: the part after the last '/' of its fragment (or of the whole).</summary>
    public static string ShortName(string id)
    {
        var hash = id.LastIndexOf('#');
        var frag = hash >= 0 ? id[(hash + 1)..] : id;
        var slash = frag.LastIndexOf('/');
        return slash >= 0 ? frag[(slash + 1)..] : frag;
    }

    /// <summary>The fragment of an id (after '#'), or the whole string when it has none.</summary>
    public static string Fragment(string id)
    {
        var hash = id.IndexOf('#', StringComparison.Ordinal);
        return hash >= 0 ? id[(hash + 1)..] : id;
    }
}
