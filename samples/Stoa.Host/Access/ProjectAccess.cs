using System.Text.Json;
using Microsoft.AspNetCore.Identity;

namespace Stoa.Host.Access;

/// <summary>
/// The passwords of the project's users, kept beside the project file (<c>&lt;project&gt;-access.json</c>) as ASP.NET
/// Core Identity hashes only. Authentication is the host's business; the users themselves, their roles, flags and
/// comments live in Stoa.Worktables, which checks every operation.
/// </summary>
internal sealed class ProjectAccess
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };
    private static readonly PasswordHasher<Account> Hasher = new();
    private readonly object _gate = new();
    private readonly string _path;
    private AccessFile _data;

    private ProjectAccess(string path, AccessFile data)
    {
        _path = path;
        _data = data;
    }

    /// <summary>The file beside <paramref name="projectPath"/> that holds the accounts.</summary>
    public static string PathFor(string projectPath) => Path.GetFullPath(projectPath) + "-access.json";

    /// <summary>Loads the access file of a project (empty when there is none yet).</summary>
    public static ProjectAccess Open(string projectPath)
    {
        var path = PathFor(projectPath);
        var data = File.Exists(path)
            ? JsonSerializer.Deserialize<AccessFile>(File.ReadAllText(path), Options) ?? new AccessFile()
            : new AccessFile();
        return new ProjectAccess(path, data);
    }

    /// <summary>The account names.</summary>
    public IReadOnlyList<string> Users
    {
        get
        {
            lock (_gate)
            {
                return [.. _data.Accounts.Select(a => a.Name)];
            }
        }
    }

    /// <summary>Adds an account, or sets a new password for an existing one.</summary>
    /// <exception cref="ArgumentException">An empty name or a password shorter than 8 characters.</exception>
    public void SetPassword(string user, string password)
    {
        if (string.IsNullOrWhiteSpace(user) || user.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("a user name is one word, not empty.", nameof(user));
        }

        if (password.Length < 8)
        {
            throw new ArgumentException("a password has at least 8 characters.", nameof(password));
        }

        lock (_gate)
        {
            var account = _data.Accounts.FirstOrDefault(a => a.Name == user);
            if (account is null)
            {
                account = new Account { Name = user };
                _data.Accounts.Add(account);
            }

            account.PasswordHash = Hasher.HashPassword(account, password);
            Save();
        }
    }

    /// <summary>True when <paramref name="password"/> is the user's password (constant-time check by Identity's hasher).</summary>
    public bool Verify(string user, string password)
    {
        Account? account;
        lock (_gate)
        {
            account = _data.Accounts.FirstOrDefault(a => a.Name == user);
        }

        if (account?.PasswordHash is null)
        {
            return false;
        }

        return Hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed;
    }

    private void Save()
    {
        // Write then rename, so a crash never leaves a half-written accounts file.
        var temp = _path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(_data, Options));
        File.Move(temp, _path, overwrite: true);
    }

    /// <summary>One account: a name and its Identity password hash.</summary>
    internal sealed class Account
    {
        public string Name { get; set; } = string.Empty;

        public string? PasswordHash { get; set; }
    }

    private sealed class AccessFile
    {
        public List<Account> Accounts { get; set; } = [];

    }
}
