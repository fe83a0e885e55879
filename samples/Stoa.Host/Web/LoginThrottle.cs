using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Stoa.Host.Access;

namespace Stoa.Host.Web;

/// <summary>
/// Limits password guessing with ASP.NET Core's rate limiters, answering 429 with <c>Retry-After</c>. Per client
/// address: <see cref="ClientAttempts"/> login posts a minute, whatever the account (the rate-limiting middleware,
/// before the form is read). Per account: <see cref="AccountFailures"/> failed logins a minute, counted only on
/// failure so a user who types the password right is never locked out by their own logins; once spent, even the
/// right password is refused until the window ends, so guessing cannot go on at the per-client rate from many
/// addresses either. Every refusal is audited.
/// </summary>
internal sealed class LoginThrottle : IDisposable
{
    /// <summary>The rate-limiting policy of <c>POST /login</c>.</summary>
    public const string ClientPolicy = "login-per-client";

    /// <summary>Login posts per client address per <see cref="Window"/>.</summary>
    public const int ClientAttempts = 30;

    /// <summary>Failed logins per account name per <see cref="Window"/>.</summary>
    public const int AccountFailures = 5;

    /// <summary>The window of both limits.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _accounts = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions { PermitLimit = AccountFailures, Window = Window, QueueLimit = 0 }));

    /// <summary>Adds the per-client policy to <paramref name="services"/>.</summary>
    public static void AddTo(IServiceCollection services)
    {
        services.AddSingleton<LoginThrottle>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(ClientPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                Client(context) ?? string.Empty,
                _ => new FixedWindowRateLimiterOptions { PermitLimit = ClientAttempts, Window = Window, QueueLimit = 0 }));
            o.OnRejected = async (rejected, cancellationToken) =>
            {
                var context = rejected.HttpContext;
                context.RequestServices.GetRequiredService<LoginAudit>().Record("login-throttled", null, Client(context));
                await Refuse(context, rejected.Lease).ExecuteAsync(context).ConfigureAwait(false);
            };
        });
    }

    /// <summary>The client address as the server sees it (no proxy headers are trusted).</summary>
    public static string? Client(HttpContext context) => context.Connection.RemoteIpAddress?.ToString();

    /// <summary>The 429 to answer when <paramref name="account"/> has no failed logins left in this window; otherwise <see langword="null"/>.</summary>
    public IResult? Check(HttpContext context, string account)
    {
        // Zero permits asks whether any are left, without spending one.
        using var lease = _accounts.AttemptAcquire(Partition(account), 0);
        return lease.IsAcquired ? null : Refuse(context, lease);
    }

    /// <summary>Counts a failed login of <paramref name="account"/>.</summary>
    public void Failed(string account)
    {
        using var _ = _accounts.AttemptAcquire(Partition(account));
    }

    /// <inheritdoc/>
    public void Dispose() => _accounts.Dispose();

    // Names are compared as typed (accounts are case-sensitive); a very long one is cut so it cannot grow memory.
    private static string Partition(string account) => account.Length > 100 ? account[..100] : account;

    private static IResult Refuse(HttpContext context, RateLimitLease lease)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)) : (int)Window.TotalSeconds;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.Text($"too many login attempts; try again in {seconds} s.", statusCode: StatusCodes.Status429TooManyRequests);
    }
}
