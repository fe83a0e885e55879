using Microsoft.Data.Sqlite;

namespace Stoa.Worktables.Storage.Sqlite;

/// <summary>
/// The schema as an ordered list of migrations. <c>PRAGMA user_version</c> holds the number applied; each step
/// runs in its own transaction, so a crash mid-migration leaves the previous version intact. Append, never edit.
/// </summary>
internal static class SchemaMigrations
{
    // Status numbers in the partial indexes: Pending 0, Queued 1, Running 2, Failed 4, Cancelled 5, Stale 6.
    // Queries must repeat an index's WHERE clause literally for SQLite to use it (see SqliteWorktableStore).
    internal const string NeedsRunPredicate = "status IN (0,4,5,6)";
    internal const string ActivePredicate = "status IN (1,2)";

    private static readonly string[] Steps =
    [
        // 1: tables, rows, run history.
        $"""
        CREATE TABLE worktables(
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            definition TEXT NOT NULL,
            workflow_hash TEXT NOT NULL,
            key_columns TEXT NOT NULL,
            template TEXT NOT NULL,
            created_utc INTEGER NOT NULL);
        CREATE TABLE rows(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            table_id INTEGER NOT NULL REFERENCES worktables(id),
            status INTEGER NOT NULL,
            inputs TEXT NOT NULL,
            input_hash TEXT NOT NULL,
            key_text TEXT,
            outputs TEXT,
            output_hash TEXT,
            result_input_hash TEXT,
            result_workflow_hash TEXT,
            batch_id INTEGER,
            run_id TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            error TEXT,
            log_location TEXT,
            queued_utc INTEGER,
            started_utc INTEGER,
            finished_utc INTEGER);
        CREATE INDEX ix_rows_table ON rows(table_id, id);
        CREATE UNIQUE INDEX ux_rows_key ON rows(table_id, key_text) WHERE key_text IS NOT NULL;
        CREATE INDEX ix_rows_needs_run ON rows(table_id, id) WHERE {NeedsRunPredicate};
        CREATE INDEX ix_rows_active ON rows(batch_id, id) WHERE {ActivePredicate};
        CREATE TABLE runs(
            run_id TEXT PRIMARY KEY,
            row_id INTEGER NOT NULL,
            table_id INTEGER NOT NULL,
            attempt INTEGER NOT NULL,
            input_hash TEXT NOT NULL,
            workflow_hash TEXT NOT NULL,
            state INTEGER NOT NULL,
            started_utc INTEGER NOT NULL,
            finished_utc INTEGER,
            error TEXT,
            output_hash TEXT,
            log_location TEXT);
        CREATE INDEX ix_runs_row ON runs(row_id);
        CREATE INDEX ix_runs_open ON runs(run_id) WHERE state = 0;
        CREATE TABLE batches(id INTEGER PRIMARY KEY AUTOINCREMENT, created_utc INTEGER NOT NULL);
        """,
        // 2: users, roles per table, audit log, row flags and comments (issue 7). Annotations go with their row.
        """
        CREATE TABLE users(name TEXT PRIMARY KEY, created_utc INTEGER NOT NULL);
        CREATE TABLE grants(
            table_id INTEGER NOT NULL REFERENCES worktables(id) ON DELETE CASCADE,
            user_name TEXT NOT NULL REFERENCES users(name),
            role INTEGER NOT NULL,
            PRIMARY KEY(table_id, user_name));
        CREATE TABLE audit(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            utc INTEGER NOT NULL,
            user_name TEXT NOT NULL,
            table_name TEXT NOT NULL,
            operation INTEGER NOT NULL,
            allowed INTEGER NOT NULL,
            detail TEXT NOT NULL);
        CREATE TABLE row_flags(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            row_id INTEGER NOT NULL REFERENCES rows(id) ON DELETE CASCADE,
            label TEXT NOT NULL,
            is_set INTEGER NOT NULL,
            user_name TEXT NOT NULL,
            utc INTEGER NOT NULL);
        CREATE INDEX ix_row_flags_row ON row_flags(row_id, id);
        CREATE TABLE row_comments(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            row_id INTEGER NOT NULL REFERENCES rows(id) ON DELETE CASCADE,
            user_name TEXT NOT NULL,
            utc INTEGER NOT NULL,
            body TEXT NOT NULL);
        CREATE INDEX ix_row_comments_row ON row_comments(row_id, id);
        """,
        // 3: links between tables, and the child rows each generator link made (issue 7).
        """
        CREATE TABLE links(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            parent_table INTEGER NOT NULL REFERENCES worktables(id),
            child_table INTEGER NOT NULL REFERENCES worktables(id),
            spec TEXT NOT NULL);
        CREATE TABLE generated_rows(
            link_id INTEGER NOT NULL REFERENCES links(id) ON DELETE CASCADE,
            parent_row INTEGER NOT NULL,
            idx INTEGER NOT NULL,
            child_row INTEGER NOT NULL REFERENCES rows(id) ON DELETE CASCADE,
            PRIMARY KEY(link_id, parent_row, idx));
        CREATE INDEX ix_generated_child ON generated_rows(child_row);
        """,
        // 4: row truth (issue 15). Why each row needs a run; every file a table depends on with the stat
        // fingerprint and digest it had when last read (role 0: a row's input file or directory, role 1: a file
        // of the bound workflow); which rows use which input path; each workflow version a row ran, kept.
        """
        ALTER TABLE rows ADD COLUMN reasons TEXT;
        CREATE TABLE tracked_files(
            table_id INTEGER NOT NULL REFERENCES worktables(id) ON DELETE CASCADE,
            role INTEGER NOT NULL,
            path TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            digest TEXT NOT NULL,
            PRIMARY KEY(table_id, role, path));
        CREATE TABLE row_files(
            row_id INTEGER NOT NULL REFERENCES rows(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            PRIMARY KEY(row_id, path));
        CREATE INDEX ix_row_files_path ON row_files(path, row_id);
        CREATE TABLE workflow_versions(
            hash TEXT PRIMARY KEY,
            manifest TEXT NOT NULL,
            created_utc INTEGER NOT NULL);
        """,
        // 5: tables published to the Virtual Observatory (issue 19) under a unique ADQL name; no row here means
        // the table is private. Withdrawing deletes the row; the audit log keeps both.
        """
        CREATE TABLE published(
            table_id INTEGER PRIMARY KEY REFERENCES worktables(id) ON DELETE CASCADE,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            user_name TEXT NOT NULL,
            utc INTEGER NOT NULL);
        """,
        // 6: shared projects (issue 17). A recompute's batch holds a lease (holder, expiry), renewed while it runs;
        // its Queued/Running rows go back to Pending only once the lease has expired, so a project can be open in
        // many processes. Runs name their batch so an open run of a dead holder can be told from a live one. Row
        // changes are logged by trigger (updates and deletes; new rows are found by id) so other processes can
        // show them live; the log is pruned after an hour.
        """
        ALTER TABLE batches ADD COLUMN holder TEXT;
        ALTER TABLE batches ADD COLUMN lease_expires_utc INTEGER;
        ALTER TABLE runs ADD COLUMN batch_id INTEGER;
        CREATE TABLE row_changes(
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            table_id INTEGER NOT NULL,
            row_id INTEGER NOT NULL,
            utc INTEGER NOT NULL DEFAULT (unixepoch()));
        CREATE TRIGGER tr_rows_updated AFTER UPDATE OF status, inputs, outputs, reasons, error ON rows
        BEGIN INSERT INTO row_changes(table_id, row_id) VALUES(NEW.table_id, NEW.id); END;
        CREATE TRIGGER tr_rows_deleted AFTER DELETE ON rows
        BEGIN INSERT INTO row_changes(table_id, row_id) VALUES(OLD.table_id, OLD.id); END;
        """,
        // 7: the sky index of cone searches (issue 19): per (table, RA column, Dec column) the position of every
        // row by declination zone (Search.SkyZones), kept true by triggers on every write of a row's cells, so
        // whatever writes them (recompute, edit, import, another process) cannot leave it behind.
        $"""
        CREATE TABLE sky_indexes(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            table_id INTEGER NOT NULL REFERENCES worktables(id) ON DELETE CASCADE,
            ra_path TEXT NOT NULL,
            dec_path TEXT NOT NULL,
            UNIQUE(table_id, ra_path, dec_path));
        CREATE TABLE sky_positions(
            index_id INTEGER NOT NULL REFERENCES sky_indexes(id) ON DELETE CASCADE,
            zone INTEGER NOT NULL,
            ra REAL NOT NULL,
            dec REAL NOT NULL,
            row_id INTEGER NOT NULL,
            PRIMARY KEY(index_id, zone, ra, row_id)) WITHOUT ROWID;
        CREATE INDEX ix_sky_positions_row ON sky_positions(row_id);
        CREATE TRIGGER tr_sky_insert AFTER INSERT ON rows BEGIN
            {SkyPositionsOf("NEW")};
        END;
        CREATE TRIGGER tr_sky_update AFTER UPDATE OF inputs, outputs ON rows BEGIN
            DELETE FROM sky_positions WHERE row_id = OLD.id;
            {SkyPositionsOf("NEW")};
        END;
        CREATE TRIGGER tr_sky_delete AFTER DELETE ON rows BEGIN
            DELETE FROM sky_positions WHERE row_id = OLD.id;
        END;
        """,
    ];

    /// <summary>
    /// Inserts into <c>sky_positions</c> the positions of the rows <paramref name="row"/> (a row alias: <c>NEW</c> in a
    /// trigger) under the sky indexes <c>s</c> <paramref name="from"/> names: a cell read from the inputs, else
    /// the outputs (as the published views read it); rows whose RA or Dec is empty or not a number are left out.
    /// Part of migration 7: change it only with a new migration that recreates the triggers.
    /// </summary>
    internal static string SkyPositionsOf(string row, string from = "FROM sky_indexes s WHERE s.table_id = NEW.table_id") => $"""
        INSERT INTO sky_positions(index_id, zone, ra, dec, row_id)
            SELECT id, {Search.SkyZones.ZoneSql}, ra, dec, row_id FROM (
                SELECT s.id AS id, {row}.id AS row_id,
                    coalesce(json_extract({row}.inputs, s.ra_path), json_extract({row}.outputs, s.ra_path)) AS ra,
                    coalesce(json_extract({row}.inputs, s.dec_path), json_extract({row}.outputs, s.dec_path)) AS dec
                {from})
            WHERE typeof(ra) IN ('integer', 'real') AND typeof(dec) IN ('integer', 'real')
        """;

    /// <summary>The schema version this build writes.</summary>
    public static int Latest => Steps.Length;

    /// <summary>Brings the database to <see cref="Latest"/>; refuses a database from a newer build.</summary>
    public static void Apply(SqliteConnection connection, string path)
    {
        var current = UserVersion(connection);
        if (current > Latest)
        {
            throw new Errors.WorktableException($"{path}: project schema version {current} is newer than this Stoa.Worktables ({Latest}); upgrade the library.");
        }

        for (var v = current; v < Latest; v++)
        {
            // BEGIN IMMEDIATE, then read the version again: another process opening the same project may have
            // applied this step while we waited for the write lock.
            using var tx = connection.BeginTransaction(deferred: false);
            if (UserVersion(connection, tx) > v)
            {
                continue;
            }

            using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = Steps[v] + $"\nPRAGMA user_version = {v + 1};";
            cmd.ExecuteNonQuery();
            tx.Commit();
        }
    }

    public static int UserVersion(SqliteConnection connection, SqliteTransaction? tx = null)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
