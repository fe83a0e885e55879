using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Stoa.Host.Web;

/// <summary>
/// Headers on every response that keep a page from being turned against its user: a Content-Security-Policy that
/// runs script only from the app's own files (no inline script, no <c>eval</c>), so text that slipped past the HTML
/// encoding still could not run; no framing (clickjacking); no content-type sniffing of downloads (a user's FITS or
/// CSV output is never read as HTML); and no page addresses (table names, row ids) sent to other sites as referrers.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>The policy: everything from this origin only, no plugins, no base or form targets elsewhere, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Adds the headers to every response of <paramref name="app"/>.</summary>
    public static void Use(WebApplication app) => app.Use((context, next) =>
    {
        // Set as the response starts, so that error answers (the exception handler clears the headers) carry them too.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            // frame-ancestors is the rule; X-Frame-Options is for browsers that predate it.
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
