using Microsoft.Data.Sqlite;

namespace Stoa.Worktables.Storage.Sqlite;

/// <summary>
/// Polls one dedicated connection: <c>PRAGMA data_version</c> changes when any other connection (another process,
/// or this process's writer) commits, so an idle poll reads nothing else. Then it reads the trigger-kept
/// <c>row_changes</c> log past its cursor (edits, status moves, deletes) and rows with ids past its cursor (new
/// rows: ids only grow), which keeps inserts — bulk imports above all — free of a trigger.
/// </summary>
internal sealed class SqliteChangeFeed : IChangeFeed
{
    private const int Page = 10_000;
    private readonly SqliteConnection _connection;
    private long _dataVersion;
    private long _lastSeq;
    private long _lastRowId;

    public SqliteChangeFeed(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        _dataVersion = Scalar("PRAGMA data_version");
        _lastSeq = Scalar("SELECT coalesce(max(seq), 0) FROM row_changes");
        _lastRowId = Scalar("SELECT coalesce(max(id), 0) FROM rows");
    }

    public IReadOnlyList<(string Table, long RowId)> Poll()
    {
        var version = Scalar("PRAGMA data_version");
        if (version == _dataVersion)
        {
            return [];
        }

        _dataVersion = version;
        var changes = new List<(string, long)>();
        using var tx = _connection.BeginTransaction(deferred: true); // one snapshot for both reads
        _lastSeq = Read(tx, "SELECT c.seq, t.name, c.row_id FROM row_changes c JOIN worktables t ON t.id = c.table_id WHERE c.seq > $after ORDER BY c.seq LIMIT $n", _lastSeq, changes);
        _lastRowId = Read(tx, "SELECT r.id, t.name, r.id FROM rows r JOIN worktables t ON t.id = r.table_id WHERE r.id > $after ORDER BY r.id LIMIT $n", _lastRowId, changes);
        tx.Commit();

        // A page cut short leaves the rest for the next poll, which must then look again.
        if (changes.Count >= Page)
        {
            _dataVersion = -1;
        }

        return changes;
    }

    public void Dispose() => _connection.Dispose();

    private long Read(SqliteTransaction tx, string sql, long after, List<(string, long)> into)
    {
        using var cmd = _connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.Parameters.AddWithValue("$after", after);
        cmd.Parameters.AddWithValue("$n", Page);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            after = r.GetInt64(0);
            into.Add((r.GetString(1), r.GetInt64(2)));
        }

        return after;
    }

    private long Scalar(string sql)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
