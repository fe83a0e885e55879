using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Stoa.Host.Access;

namespace Stoa.Host.Web;

/// <summary>Login and logout against the project's accounts (passwords checked by Identity's hasher, never logged).</summary>
internal static class AccountEndpoints
{
    /// <summary>Maps <c>/login</c> and <c>/logout</c>.</summary>
    public static void Map(WebApplication app)
    {
        app.MapGet("/login", (HttpContext context) => Results.Content(Pages.Login(WebApp.Token(context), null), "text/html; charset=utf-8"));
        app.MapPost("/login", async (HttpContext context, ProjectAccess access, ILogger<ProjectAccess> log) =>
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            var user = form["user"].ToString();
            if (!access.Verify(user, form["password"].ToString()))
            {
                log.LogWarning("failed login for {User}", user);
                return Results.Content(Pages.Login(WebApp.Token(context), "unknown user or wrong password"), "text/html; charset=utf-8", statusCode: StatusCodes.Status400BadRequest);
            }

            await WebApp.SignIn(context, user).ConfigureAwait(false);
            return Results.Redirect("/");
        }).AddEndpointFilter(WebApp.GuardPost);
        app.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return Results.Redirect("/login");
        }).AddEndpointFilter(WebApp.GuardPost);
    }
}
