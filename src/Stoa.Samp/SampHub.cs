namespace Stoa.Samp;

/// <summary>
/// A running SAMP hub: where it listens and the secret needed to register, read from a Standard Profile lockfile
/// (SAMP 1.3 section 3.3). <c>SAMP_HUB=std-lockurl:URL</c> names the lockfile, otherwise it is <c>~/.samp</c>; the
/// lockfile holds <c>key=value</c> lines, <c>#</c> starting a comment.
/// </summary>
/// <param name="XmlRpcUrl">The hub's XML-RPC endpoint (<c>samp.hub.xmlrpc.url</c>).</param>
/// <param name="Secret">The registration secret (<c>samp.secret</c>).</param>
/// <param name="LockfilePath">The lockfile it was read from.</param>
public sealed record SampHub(Uri XmlRpcUrl, string Secret, string LockfilePath)
{
    private const string LockUrlPrefix = "std-lockurl:";

    /// <summary>Finds the hub this process's environment names: <c>SAMP_HUB</c>, else <c>~/.samp</c>.</summary>
    /// <exception cref="SampException">No lockfile (no hub running), or one without the hub URL or secret.</exception>
    public static SampHub Locate() =>
        Locate(Environment.GetEnvironmentVariable("SAMP_HUB"), Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>Finds the hub a <c>SAMP_HUB</c> value and a home directory name.</summary>
    /// <param name="sampHubVariable">The value of <c>SAMP_HUB</c> (<c>std-lockurl:file:///…</c>), or null/blank for <c>~/.samp</c>.</param>
    /// <param name="homeDirectory">The user's home directory, holding <c>.samp</c>.</param>
    /// <exception cref="SampException">No lockfile (no hub running), a <c>SAMP_HUB</c> of another profile, or a lockfile without the hub URL or secret.</exception>
    public static SampHub Locate(string? sampHubVariable, string homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(homeDirectory);
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

        return new SampHub(hub, secret, path);
    }
}
