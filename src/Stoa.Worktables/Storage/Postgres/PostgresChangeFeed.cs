using System.Globalization;
using Npgsql;

namespace Stoa.Worktables.Storage.Postgres;

/// <summary>
/// Listens on the project's notification channel (<see cref="PostgresSchema.Channel"/>) with one dedicated
/// connection: the triggers announce every committed row change, by any process, once the transaction commits, in
/// commit order. A poll makes one round trip (an empty query) during which Npgsql takes in the notifications the
/// server has sent since; it then names the tables and, for the rows of a bulk insert (one notification per
/// statement and table, as an id range), reads the ids of that range still in the table.
/// </summary>
internal sealed class PostgresChangeFeed : IChangeFeed
{
    private readonly NpgsqlConnection _connection;
    private readonly List<string> _arrived = [];
    private readonly Dictionary<long, string> _tables = [];

    public PostgresChangeFeed(NpgsqlConnection connection)
    {
        _connection = connection;
        _connection.Notification += (_, e) =>
        {
            lock (_arrived)
            {
                _arrived.Add(e.Payload);
            }
        };
        using var listen = new NpgsqlCommand($"LISTEN {PostgresSchema.Channel}", _connection);
        listen.ExecuteNonQuery();
    }

    public IReadOnlyList<(string Table, long RowId)> Poll()
    {
        using (var ping = new NpgsqlCommand(";", _connection))
        {
            ping.ExecuteNonQuery();
        }

        string[] payloads;
        lock (_arrived)
        {
            payloads = [.. _arrived];
            _arrived.Clear();
        }

        var changes = new List<(string, long)>();
        foreach (var payload in payloads)
        {
            var parts = payload.Split(':');
            if (parts[0] == "i")
            {
                var tableId = Number(parts[1]);
                if (TableName(tableId) is { } name)
                {
                    changes.AddRange(RowsBetween(tableId, Number(parts[2]), Number(parts[3])).Select(id => (name, id)));
                }
            }
            else if (TableName(Number(parts[0])) is { } name)
            {
                changes.Add((name, Number(parts[1])));
            }
        }

        return changes;
    }

    public void Dispose()
    {
        // Back to the pool without the LISTEN (the store's connections are not reset on close).
        try
        {
            using var unlisten = new NpgsqlCommand("UNLISTEN *", _connection);
            unlisten.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // A broken connection is not returned to the pool anyway.
        }

        _connection.Dispose();
    }

    private static long Number(string s) => long.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>The table's name; null for a table deleted since (its changes are dropped, as SQLite's feed drops them).</summary>
    private string? TableName(long tableId)
    {
        if (_tables.TryGetValue(tableId, out var name))
        {
            return name;
        }

        using var cmd = new NpgsqlCommand("SELECT name FROM worktables WHERE id = @t", _connection);
        cmd.Parameters.AddWithValue("t", tableId);
        if (cmd.ExecuteScalar() is string found)
        {
            _tables[tableId] = found;
            return found;
        }

        return null;
    }

    private List<long> RowsBetween(long tableId, long first, long last)
    {
        using var cmd = new NpgsqlCommand("SELECT id FROM rows WHERE table_id = @t AND id BETWEEN @a AND @b ORDER BY id", _connection);
        cmd.Parameters.AddWithValue("t", tableId);
        cmd.Parameters.AddWithValue("a", first);
        cmd.Parameters.AddWithValue("b", last);
        return StoreCommand.ReadIds(cmd);
    }
}
