using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;

namespace Stoa.Host.Access;

/// <summary>
/// The passwords of the project's users, kept beside the project file (<c>&lt;project&gt;-access.json</c>, mode 0600)
/// as ASP.NET Core Identity hashes only, with each user's session stamp: a login cookie carries the stamp, and
/// logging out or a new password changes it, so every cookie issued before is refused. Authentication is the host's
/// business; the users themselves, their roles, flags and comments live in Stoa.Worktables, which checks every
/// operation.
/// </summary>
internal sealed class ProjectAccess
{
    private static readonly PasswordHasher<Account> Hasher = new();

    // An unknown user's password is checked against this, so that a login costs the same hashing work whether or
    // not the account exists (otherwise the answer time tells which names are accounts).
    private static readonly string UnknownUserHash = Hasher.HashPassword(new Account(), Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
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
        SecretFile.Tighten(path);
        return new ProjectAccess(path, Load(path));
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
            Update(data =>
            {
                var account = data.Accounts.FirstOrDefault(a => a.Name == user);
                if (account is null)
                {
                    account = new Account { Name = user };
                    data.Accounts.Add(account);
                }

                account.PasswordHash = Hasher.HashPassword(account, password);
                // A new password ends the sessions signed in with the old one.
                account.SessionStamp = NewStamp();
            });
        }
    }

    /// <summary>
    /// True when <paramref name="password"/> is the user's password (constant-time check by Identity's hasher). An unknown
    /// user costs the same hashing work as a known one.
    /// </summary>
    public bool Verify(string user, string password)
    {
        Account? account;
        lock (_gate)
        {
            account = _data.Accounts.FirstOrDefault(a => a.Name == user);
        }

        var verified = Hasher.VerifyHashedPassword(account ?? new Account(), account?.PasswordHash ?? UnknownUserHash, password) != PasswordVerificationResult.Failed;
        return verified && account?.PasswordHash is not null;
    }

    /// <summary>The user's current session stamp (made on first use), which a login cookie carries; <see langword="null"/> for no such user.</summary>
    public string? SessionStamp(string user)
    {
        lock (_gate)
        {
            if (_data.Accounts.FirstOrDefault(a => a.Name == user) is { SessionStamp: null })
            {
                // An accounts file from before session stamps.
                Update(data => data.Accounts.Where(a => a.Name == user && a.SessionStamp is null).ToList().ForEach(a => a.SessionStamp = NewStamp()));
            }

            return _data.Accounts.FirstOrDefault(a => a.Name == user)?.SessionStamp;
        }
    }

    /// <summary>Ends every session of <paramref name="user"/>: cookies issued before no longer sign anyone in.</summary>
    public void EndSessions(string user)
    {
        lock (_gate)
        {
            Update(data => data.Accounts.Where(a => a.Name == user).ToList().ForEach(a => a.SessionStamp = NewStamp()));
        }
    }

    private static AccessFile Load(string path) => File.Exists(path)
        ? JsonSerializer.Deserialize(File.ReadAllText(path), AccessJson.Default.AccessFile) ?? new AccessFile()
        : new AccessFile();

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// Applies <paramref name="change"/> to the file as it is now and saves it (under the lock), so that a change
    /// made to the file since it was read (by hand, or a tool that does not take the project lock) is not written over.
    /// </summary>
    private void Update(Action<AccessFile> change)
    {
        _data = Load(_path);
        change(_data);
        // Written through a 0600 temporary file then renamed, so a crash never leaves a half-written accounts file
        // and the hashes are never readable by other users.
        SecretFile.WriteAllText(_path, JsonSerializer.Serialize(_data, AccessJson.Default.AccessFile));
    }

    /// <summary>One account: a name and its Identity password hash.</summary>
    internal sealed class Account
    {
        public string Name { get; set; } = string.Empty;

        public string? PasswordHash { get; set; }

        public string? SessionStamp { get; set; }
    }

    internal sealed class AccessFile
    {
        public List<Account> Accounts { get; set; } = [];

    }
}
