namespace Stoa.Host.Samp;

/// <summary>Where the hub listens and the secret needed to register, read from a Standard Profile lockfile.</summary>
internal sealed record SampHubEndpoint(Uri XmlRpcUrl, string Secret, string LockfilePath);

/// <summary>
/// Finds the hub per the SAMP 1.3 Standard Profile: <c>SAMP_HUB=std-lockurl:URL</c> names the lockfile,
/// otherwise it is <c>~/.samp</c>. The lockfile holds <c>key=value</c> lines; <c>#</c> starts a comment.
/// </summary>
internal static class SampHubLocator
{
    private const string LockUrlPrefix = "std-lockurl:";

    /// <summary>Reads the lockfile the environment points at.</summary>
    /// <exception cref="SampException">No lockfile, or one without the hub URL or secret.</exception>
    public static SampHubEndpoint Locate(string? sampHubVariable, string homeDirectory)
    {
        string path;
        if (!string.IsNullOrWhiteSpace(sampHubVariable))
        {
            if (!sampHubVariable.StartsWith(LockUrlPrefix, StringComparison.Ordinal))
            {
                throw new SampException($"SAMP_HUB='{sampHubVariable}' is not a Standard Profile value (expected 'std-lockurl:file:///…').");
            }

            var url = new Uri(sampHubVariable[LockUrlPrefix.Length..]);
            if (!url.IsFile)
            {
                throw new SampException($"SAMP_HUB names {url}; only file: lockfile URLs are supported.");
            }

            path = url.LocalPath;
        }
        else
        {
            path = Path.Combine(homeDirectory, ".samp");
        }

        if (!File.Exists(path))
        {
            throw new SampException($"No SAMP hub is running: lockfile {path} does not exist. Start TOPCAT (or another hub) first.");
        }

        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (line.Length == 0 || line[0] == '#' || eq <= 0)
            {
                continue;
            }

            entries[line[..eq].Trim()] = line[(eq + 1)..].Trim();
        }

        if (!entries.TryGetValue("samp.hub.xmlrpc.url", out var hubUrl) || !Uri.TryCreate(hubUrl, UriKind.Absolute, out var hub))
        {
            throw new SampException($"SAMP lockfile {path} has no valid samp.hub.xmlrpc.url.");
        }

        if (!entries.TryGetValue("samp.secret", out var secret) || secret.Length == 0)
        {
            throw new SampException($"SAMP lockfile {path} has no samp.secret.");
        }

        return new SampHubEndpoint(hub, secret, path);
    }
}
