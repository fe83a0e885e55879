using System.Globalization;
using Npgsql;
using Stoa.Worktables.Errors;

namespace Stoa.Worktables.Storage.Postgres;

/// <summary>
/// A project location that names a PostgreSQL database: a <c>postgresql://</c> or <c>postgres://</c> URI
/// (<c>user[:password]@host[:port]/database[?param=value&amp;…]</c>, libpq's form) or an Npgsql connection string
/// (it holds <c>Host=</c>). <see cref="Display"/> is the URI without the password: it is what messages, logs and
/// <see cref="WorktableProject.Path"/> show.
/// </summary>
internal sealed class PostgresLocation
{
    // libpq's URI parameter names, for those Npgsql spells otherwise.
    private static readonly Dictionary<string, string> LibpqNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["target_session_attrs"] = "Target Session Attributes",
        ["options"] = "Options",
        ["dbname"] = "Database",
        ["user"] = "Username",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["keepalives_idle"] = "Keepalive",
    };

    private PostgresLocation(NpgsqlConnectionStringBuilder builder)
    {
        Builder = builder;
        Database = builder.Database ?? builder.Username ?? "postgres";
        builder.Database = Database;
        var user = string.IsNullOrEmpty(builder.Username) ? "" : Uri.EscapeDataString(builder.Username) + "@";
        var host = builder.Host ?? "localhost";
        host = host.Contains(':', StringComparison.Ordinal) && !host.Contains(',', StringComparison.Ordinal) ? $"[{host}]" : host; // an IPv6 address
        var port = builder.Port == NpgsqlConnection.DefaultPort ? "" : ":" + builder.Port.ToString(CultureInfo.InvariantCulture);
        Display = $"postgresql://{user}{host}{port}/{Uri.EscapeDataString(Database)}";
    }

    /// <summary>The connection settings, password included: never shown.</summary>
    public NpgsqlConnectionStringBuilder Builder { get; }

    /// <summary>The database name.</summary>
    public string Database { get; }

    /// <summary>The location as a URI without password.</summary>
    public string Display { get; }

    /// <summary>Whether <paramref name="location"/> names a PostgreSQL database rather than a SQLite file.</summary>
    public static bool Names(string location) =>
        location.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || location.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || location.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="WorktableException">The location is not a valid URI or connection string (the message has no password).</exception>
    public static PostgresLocation Parse(string location)
    {
        var builder = new NpgsqlConnectionStringBuilder();
        try
        {
            if (location.Contains("://", StringComparison.Ordinal))
            {
                FromUri(location, builder);
            }
            else
            {
                builder.ConnectionString = location;
            }
        }
        catch (ArgumentException e)
        {
            // The message of a bad connection string may quote it: only the reason is kept.
            throw new WorktableException($"{Redact(location)}: not a PostgreSQL location ({FirstSentence(e.Message)}).", e);
        }
        catch (UriFormatException e)
        {
            throw new WorktableException($"{Redact(location)}: not a PostgreSQL URI ({FirstSentence(e.Message)}).", e);
        }

        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new WorktableException($"{Redact(location)}: no host named.");
        }

        return new PostgresLocation(builder);
    }

    /// <summary>The location with any password replaced by <c>***</c>, for a message about a location that did not parse.</summary>
    public static string Redact(string location)
    {
        if (location.Contains("://", StringComparison.Ordinal))
        {
            var scheme = location.IndexOf("://", StringComparison.Ordinal) + 3;
            var at = location.IndexOf('@', scheme);
            var colon = at < 0 ? -1 : location.IndexOf(':', scheme, at - scheme);
            var query = location.IndexOf('?', StringComparison.Ordinal);
            var redacted = colon < 0 ? location : location[..(colon + 1)] + "***" + location[at..];
            return query < 0 ? redacted : redacted[..redacted.IndexOf('?', StringComparison.Ordinal)];
        }

        return string.Join(';', location.Split(';').Where(p => !p.TrimStart().StartsWith("password", StringComparison.OrdinalIgnoreCase)));
    }

    private static void FromUri(string location, NpgsqlConnectionStringBuilder builder)
    {
        var uri = new Uri(location);
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        builder.Host = uri.Host.Trim('[', ']');
        if (!uri.IsDefaultPort && uri.Port > 0)
        {
            builder.Port = uri.Port;
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            builder[LibpqNames.GetValueOrDefault(key, key)] = value;
        }
    }

    private static string FirstSentence(string message)
    {
        var line = message.Split('\n')[0];
        var stop = line.IndexOf(" (Parameter", StringComparison.Ordinal);
        return (stop < 0 ? line : line[..stop]).TrimEnd('.');
    }
}
