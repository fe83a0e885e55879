using System.Net;
using System.Text.RegularExpressions;

namespace Stoa.Host.Tests.Security;

/// <summary>
/// Issue #16 row 9: every page and download carries a strict Content-Security-Policy (script from the app's own
/// files only, nothing inline, no framing), <c>X-Content-Type-Options: nosniff</c> and a Referrer-Policy, and the
/// pages hold no inline script, event handler or style attribute that such a policy would have to allow.
/// </summary>
public sealed partial class SecurityHeadersTests : IAsyncLifetime
{
    private SecureProject _project = null!;

    public async Task InitializeAsync() => _project = await SecureProject.Create().ServeAsync();

    public async Task DisposeAsync() => await _project.DisposeAsync();

    [Fact]
    public async Task Pages_And_Downloads_Carry_A_Strict_Csp_Nosniff_No_Framing_And_A_Referrer_Policy()
    {
        using var anonymous = _project.Client();
        using var olga = await _project.LogInAsync("olga");
        var responses = new List<(string Path, HttpResponseMessage Response)>
        {
            ("/login", await anonymous.GetAsync("/login")),
            ("/", await olga.GetAsync("/")),
            ("/t/maps", await olga.GetAsync("/t/maps")),
            ("/t/maps/export/csv", await olga.GetAsync("/t/maps/export/csv")),
            ("/app.js", await olga.GetAsync("/app.js")),
        };
        foreach (var (path, response) in responses)
        {
            using (response)
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, path);
                var csp = Header(response, "Content-Security-Policy");
                var directives = csp.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);
                Assert.Equal("script-src 'self'", directives["script-src"]);
                Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
                Assert.Equal("object-src 'none'", directives["object-src"]);
                Assert.Equal("default-src 'self'", directives["default-src"]);
                Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
                Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
                Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));

                if (path is "/login" or "/" or "/t/maps")
                {
                    var html = await response.Content.ReadAsStringAsync();
                    Assert.All(ScriptTags().Matches(html), m => Assert.Matches("""^<script src="/[^"]+"></script>$""", m.Value));
                    Assert.DoesNotMatch(InlineAttributes(), html);
                }
            }
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : throw new Xunit.Sdk.XunitException($"no {name} header");

    [GeneratedRegex("<script[^>]*>.*?</script>", RegexOptions.Singleline)]
    private static partial Regex ScriptTags();

    [GeneratedRegex("""\s(style|on[a-z]+)\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineAttributes();
}
