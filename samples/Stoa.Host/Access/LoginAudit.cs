using System.Text.Json.Nodes;

namespace Stoa.Host.Access;

/// <summary>
/// The web app's login audit: one JSON line per login, failed login, refused (throttled) attempt and logout, with
/// the time, account name as typed, and client address, appended to <c>&lt;project&gt;-logins.jsonl</c> (0600).
/// Stoa.Worktables' audit log records what users did to tables; it never sees passwords, so who failed to prove
/// who they are is kept here, by the host that checks the passwords. Passwords are never written.
/// </summary>
internal sealed class LoginAudit(string path)
{
    private readonly Lock _gate = new();

    /// <summary>The audit file of the project at <paramref name="projectPath"/>.</summary>
    public static string PathFor(string projectPath) => Path.GetFullPath(projectPath) + "-logins.jsonl";

    /// <summary>The audit of the project at <paramref name="projectPath"/>.</summary>
    public static LoginAudit Open(string projectPath)
    {
        var path = PathFor(projectPath);
        SecretFile.Tighten(path);
        return new LoginAudit(path);
    }

    /// <summary>Appends one event: <c>login</c>, <c>login-failed</c>, <c>login-throttled</c> or <c>logout</c>.</summary>
    public void Record(string @event, string? user, string? client)
    {
        // A long name is cut: the field is free text from anyone who can reach the login form.
        var name = user is { Length: > 100 } ? user[..100] : user;
        var line = new JsonObject { ["utc"] = DateTime.UtcNow.ToString("O"), ["event"] = @event, ["user"] = name, ["client"] = client }.ToJsonString();
        lock (_gate)
        {
            SecretFile.AppendLine(path, line);
        }
    }
}
