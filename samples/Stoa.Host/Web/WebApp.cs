using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Stoa.Host.Access;
using Stoa.Host.Commands.Table;
using Stoa.Worktables;
using Stoa.Worktables.Errors;

namespace Stoa.Host.Web;

/// <summary>
/// <c>stoa serve</c>: the worktable web app (ASP.NET Core minimal APIs) over one open project. Cookie login against
/// the project's accounts (keys per project, sessions revocable, attempts throttled and audited), anti-forgery on
/// every POST, security headers on every response, roles checked by <see cref="WebAccess"/>, File cells set by
/// upload only (<see cref="WebFileCells"/>), row status pushed by server-sent events.
/// </summary>
internal static class WebApp
{
    /// <summary>The claim that carries the user's session stamp (<see cref="ProjectAccess.SessionStamp"/>).</summary>
    private const string StampClaim = "stoa:session";

    /// <summary>Builds the app for <paramref name="project"/>, listening on <paramref name="urls"/>.</summary>
    /// <param name="project">The open project.</param>
    /// <param name="urls">Where to listen.</param>
    /// <param name="uploadLimit">The largest file a row edit may upload, in bytes.</param>
    /// <param name="checkInterval">How often files are re-checked without a notification (default 10 s).</param>
    /// <param name="tapTimeout">How long a TAP sync query may run (default <see cref="Vo.VoEndpoints.DefaultSyncTimeLimit"/>).</param>
    public static WebApplication Build(WorktableProject project, string urls, long uploadLimit, TimeSpan? checkInterval = null, TimeSpan? tapTimeout = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Path.GetDirectoryName(ProjectOptions.FilesPrefix(project)) });
        builder.WebHost.UseUrls(urls);
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("Stoa", LogLevel.Information)
            // The ring is unencrypted on purpose (its files are 0600, like an SSH key); the warning would say so at every start.
            .AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        builder.Services.AddSingleton(project);
        builder.Services.AddSingleton(ProjectAccess.Open(ProjectOptions.FilesPrefix(project)));
        builder.Services.AddSingleton(LoginAudit.Open(ProjectOptions.FilesPrefix(project)));
        builder.Services.AddSingleton(new WebFileCells(project, uploadLimit));
        LoginThrottle.AddTo(builder.Services);
        // Keys and application name per project: a cookie issued for one project opens nothing on another.
        builder.Services.AddDataProtection().SetApplicationName("stoa:" + project.Path);
        builder.Services.Configure<KeyManagementOptions>(o => o.XmlRepository = new ProjectKeyRing(ProjectKeyRing.PathFor(ProjectOptions.FilesPrefix(project))));
        builder.Services.AddSingleton<WebAccess>();
        builder.Services.AddSingleton<RowEvents>();
        builder.Services.AddSingleton<TableRuns>();
        builder.Services.AddSingleton<SampSends>();
        builder.Services.AddSingleton(new FileCheckInterval(checkInterval ?? TimeSpan.FromSeconds(10)));
        builder.Services.AddHostedService<FileChecks>();
        builder.Services.AddHostedService<StoreChanges>();
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "stoa.csrf");
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "stoa.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.LoginPath = "/login";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Events.OnValidatePrincipal = async context =>
            {
                // The cookie is good only while its stamp is the user's current one: logout (or a new password)
                // changes the stamp, so a copied cookie is refused from then on.
                var user = context.Principal?.Identity?.Name;
                var stamp = context.Principal?.FindFirst(StampClaim)?.Value;
                var current = user is null ? null : context.HttpContext.RequestServices.GetRequiredService<ProjectAccess>().SessionStamp(user);
                if (current is null || stamp != current)
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
                }
            };
            o.Events.OnRedirectToLogin = context =>
            {
                // Pages go to the login form; background requests get a plain 401 they can show.
                if (HttpMethods.IsGet(context.Request.Method) && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal))
                {
                    context.Response.Redirect(context.RedirectUri);
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }

                return Task.CompletedTask;
            };
        });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        SecurityHeaders.Use(app);
        app.UseExceptionHandler(error => error.Run(async context =>
        {
            // Never a stack trace to the client; the log keeps the exception type and message only.
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("internal error").ConfigureAwait(false);
        }));
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapGet("/app.js", () => Asset("app.js", "text/javascript"));
        app.MapGet("/app.css", () => Asset("app.css", "text/css"));
        AccountEndpoints.Map(app);
        TableEndpoints.Map(app);
        Vo.VoEndpoints.Map(app, tapTimeout ?? Vo.VoEndpoints.DefaultSyncTimeLimit);
        return app;
    }

    /// <summary>The signed-in user's name.</summary>
    public static string User(HttpContext context) => context.User.Identity?.Name ?? throw new InvalidOperationException("not signed in");

    /// <summary>A fresh anti-forgery request token for pages.</summary>
    public static string Token(HttpContext context) => context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context).RequestToken ?? string.Empty;

    /// <summary>
    /// Validates the anti-forgery token of a state-changing request, then answers the library's typed errors as
    /// <see cref="AnswerLibraryErrors"/> does.
    /// </summary>
    public static async ValueTask<object?> GuardPost(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        try
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context).ConfigureAwait(false);
        }
        catch (AntiforgeryValidationException e) when (e.InnerException is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            // The token is read from the form, so a body over the limits fails here first: say which limit.
            var limit = context.RequestServices.GetRequiredService<WebFileCells>().Limit;
            return Results.Text($"the request is over this server's upload limit of {limit} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        catch (AntiforgeryValidationException)
        {
            return Results.Text("missing or invalid anti-forgery token; reload the page.", statusCode: StatusCodes.Status400BadRequest);
        }

        return await AnswerLibraryErrors(invocation, next).ConfigureAwait(false);
    }

    /// <summary>
    /// Turns the library's typed errors into a 403 (the role does not allow it) or a 400 with the message (the request
    /// changed nothing), instead of the 500 a thrown exception would be.
    /// </summary>
    public static async ValueTask<object?> AnswerLibraryErrors(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        try
        {
            return await next(invocation).ConfigureAwait(false);
        }
        catch (AccessDeniedException e)
        {
            // Stoa.Worktables refused the operation for this user's role (and audited it); nothing changed.
            return Results.Text(e.Message, statusCode: StatusCodes.Status403Forbidden);
        }
        catch (Exception e) when (e is WorktableException or KeyNotFoundException)
        {
            return Results.Text(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (BadHttpRequestException e)
        {
            // 400, or 413 when the body is over a limit.
            return Results.Text(e.Message, statusCode: e.StatusCode);
        }
    }

    /// <summary>Signs <paramref name="user"/> in with the auth cookie, which carries the user's session <paramref name="stamp"/>.</summary>
    public static Task SignIn(HttpContext context, string user, string stamp) => context.SignInAsync(
        CookieAuthenticationDefaults.AuthenticationScheme,
        new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user), new Claim(StampClaim, stamp)], CookieAuthenticationDefaults.AuthenticationScheme)));

    private static IResult Asset(string name, string contentType)
    {
        var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Stoa.Host.Web.Assets.{name}")!;
        return Results.Stream(stream, contentType + "; charset=utf-8");
    }
}
