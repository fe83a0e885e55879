using System.Net;
using Stoa.Worktables.Access;

namespace Stoa.Host.Web.Vo;

/// <summary>The table page's line for a published table: its VO service URLs and how to open them in TOPCAT.</summary>
internal static class VoHint
{
    /// <summary>The HTML paragraph, or nothing when the table is not published.</summary>
    public static string For(UserWorktable table)
    {
        if (table.PublishedName is not { } name)
        {
            return string.Empty;
        }

        var n = WebUtility.HtmlEncode(name);
        var u = Uri.EscapeDataString(name);
        return $"""
            <p id="vo-services">published to the VO as <code>{n}</code>, anonymously: TAP <a href="/tap/capabilities"><code>/tap</code></a>
            (<code>SELECT * FROM {n}</code>) · cone search <a href="/scs/{u}?RA=0&amp;DEC=0&amp;SR=0"><code>/scs/{u}</code></a>.
            Query with TOPCAT: VO → Table Access Protocol, TAP URL = this server's address + <code>/tap</code>.</p>
            """;
    }
}
