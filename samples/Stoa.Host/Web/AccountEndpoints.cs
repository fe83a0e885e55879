using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Stoa.Host.Access;

namespace Stoa.Host.Web;

/// <summary>
/// Login and logout against the project's accounts (passwords checked by Identity's hasher, never logged). Logins
/// are throttled per client and per account (<see cref="LoginThrottle"/>) and audited (<see cref="LoginAudit"/>);
/// logout ends the user's sessions on the server, not just in the browser that asked.
/// </summary>
internal static class AccountEndpoints
{
    /// <summary>Maps <c>/login</c> and <c>/logout</c>.</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/login", (HttpContext context) => Results.Content(Pages.Login(WebApp.Token(context), null), "text/html; charset=utf-8"));
        app.MapPost("/login", async (HttpContext context, ProjectAccess access, LoginThrottle throttle, LoginAudit audit, ILogger<ProjectAccess> log) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            var user = form["user"].ToString();
            var client = LoginThrottle.Client(context);
            if (throttle.Check(context, user) is { } refused)
            {
                audit.Record("login-throttled", user, client);
                return refused;
            }

            if (!access.Verify(user, form["password"].ToString()))
            {
                throttle.Failed(user);
                audit.Record("login-failed", user, client);
                log.LogWarning("failed login for {User} from {Client}", user, client);
                return Results.Content(Pages.Login(WebApp.Token(context), "unknown user or wrong password"), "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }

            await WebApp.SignIn(context, user, access.SessionStamp(user)!).ConfigureAwait(false);
            audit.Record("login", user, client);
            return Results.Redirect("/");
        }).AddEndpointFilter(WebApp.GuardPost).RequireRateLimiting(LoginThrottle.ClientPolicy);
        app.MapPost("/logout", async (HttpContext context, ProjectAccess access, LoginAudit audit) =>
        {
            if (context.User.Identity is { IsAuthenticated: true, Name: { } user })
            {
                // A copy of the cookie (another tab, a stolen one) must not outlive the logout.
                access.EndSessions(user);
                audit.Record("logout", user, LoginThrottle.Client(context));
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return Results.Redirect("/login");
        }).AddEndpointFilter(WebApp.GuardPost);
    }
}
