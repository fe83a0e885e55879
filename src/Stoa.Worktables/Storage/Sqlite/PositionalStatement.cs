using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Stoa.Worktables.Storage.Sqlite;

/// <summary>
/// A prepared statement bound by parameter position, straight through SQLite's C API. Microsoft.Data.Sqlite binds
/// every parameter by name on every execution (a linear search of the statement's names each), which made a
/// multi-row INSERT of a bulk import quadratic in its parameters. Runs on the connection's open transaction.
/// </summary>
internal sealed class PositionalStatement : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;

    public PositionalStatement(SqliteConnection connection, string sql)
    {
        _connection = connection;
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
    }

    /// <summary>The position of a named parameter (<c>$name</c>), looked up once rather than at every execution.</summary>
    public int Index(string name)
    {
        var index = raw.sqlite3_bind_parameter_index(_statement, name);
        return index > 0 ? index : throw new ArgumentException($"the statement has no parameter {name}.", nameof(name));
    }

    /// <summary>Binds text (null: SQL NULL) to the 1-based parameter <paramref name="index"/>.</summary>
    public void Bind(int index, string? text) =>
        Check(text is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, text));

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <summary>Runs the statement to its end and resets it for the next execution; an error is a <see cref="SqliteException"/>.</summary>
    public void Execute()
    {
        int rc;
        while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
        {
        }

        if (rc == raw.SQLITE_DONE)
        {
            raw.sqlite3_reset(_statement);
            return;
        }

        try
        {
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc) => SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
}
