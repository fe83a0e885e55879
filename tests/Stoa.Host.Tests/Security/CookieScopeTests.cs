using System.Net;

namespace Stoa.Host.Tests.Security;

/// <summary>
/// Issue #16 row 4: a login cookie is good for the project that issued it alone (Data Protection keys and
/// application name per project), and logging out ends the session on the server, so a copy of the cookie is
/// refused afterwards. Two real <c>stoa serve</c> processes over two projects in one folder, with the same account
/// and password in both (the case where only the keys can tell them apart).
/// </summary>
public sealed class CookieScopeTests
{
    [Fact]
    public async Task A_Cookie_From_One_Project_Opens_Nothing_On_Another_In_The_Same_Folder()
    {
        var p = SecureProject.Create(fileName: "p.stoa");
        var q = SecureProject.Create(p.Directory, "q.stoa");
        await using var servedP = await p.ServeAsync();
        await using var servedQ = await q.ServeAsync();
        using var olgaOnP = await p.LogInAsync("olga");
        var cookie = AuthCookie(olgaOnP);
        using (var ownProject = await Replay(p, cookie))
        {
            Assert.Equal(HttpStatusCode.OK, ownProject.StatusCode);
        }

        using var otherProject = await Replay(q, cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, otherProject.StatusCode);
        Assert.DoesNotContain("maps", await otherProject.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_Revokes_The_Session_So_A_Copied_Cookie_Is_Refused()
    {
        await using var project = await SecureProject.Create().ServeAsync();
        using var olga = await project.LogInAsync("olga");
        var cookie = AuthCookie(olga);
        using (var before = await Replay(project, cookie))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using (var logout = await olga.PostAsync("/logout", [], "/t/maps"))
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        }

        using (var copied = await Replay(project, cookie))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, copied.StatusCode);
        }

        // The account itself is fine: a new login works and gets a new session.
        using var again = await project.LogInAsync("olga");
        using var fresh = await again.GetAsync("/t/maps/export/json");
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.NotEqual(cookie, AuthCookie(again));
    }

    private static string AuthCookie(WebSession session) =>
        session.Cookies.GetCookies(session.BaseAddress)["stoa.auth"]?.Value ?? throw new InvalidOperationException("no stoa.auth cookie after login");

    /// <summary>A bare client (another machine, say) that sends only the copied cookie, as a script would.</summary>
    private static async Task<HttpResponseMessage> Replay(SecureProject project, string cookie)
    {
        using var stranger = project.Client();
        stranger.Cookies.Add(stranger.BaseAddress, new Cookie("stoa.auth", cookie));
        return await stranger.GetAsync("/t/maps/export/json");
    }
}
