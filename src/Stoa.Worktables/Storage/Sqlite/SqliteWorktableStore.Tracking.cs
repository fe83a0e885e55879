using Microsoft.Data.Sqlite;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Storage.Sqlite;

internal sealed partial class SqliteWorktableStore
{
    /// <summary>Appends <c>$reason</c> to a row's reasons (a JSON array), keeping the first 20.</summary>
    private const string AppendReason =
        "CASE WHEN json_array_length(coalesce(reasons, '[]')) >= 20 OR EXISTS(SELECT 1 FROM json_each(coalesce(reasons, '[]')) WHERE value = $reason) THEN reasons " +
        "ELSE json_insert(coalesce(reasons, '[]'), '$[#]', $reason) END";

    /// <summary>The value a fingerprint is set to when a file's digest must be read again at the next check.</summary>
    internal const string RecheckFingerprint = "recheck";

    public void UpdateTracked(long tableId, TrackedRole role, IReadOnlyList<TrackedFile> files) => Write((c, tx) =>
    {
        using var cmd = Command(c, tx, "UPDATE tracked_files SET fingerprint = $f, digest = $d WHERE table_id = $t AND role = $r AND path = $p",
            ("$f", ""), ("$d", ""), ("$t", tableId), ("$r", (int)role), ("$p", ""));
        cmd.Prepare();
        foreach (var f in files)
        {
            cmd.Parameters["$f"].Value = f.Fingerprint;
            cmd.Parameters["$d"].Value = f.Digest;
            cmd.Parameters["$p"].Value = f.Path;
            cmd.ExecuteNonQuery();
        }

        return files.Count;
    });

    public IReadOnlyList<long> MarkStale(long tableId, IReadOnlyCollection<long> rowIds, string reason) =>
        Write((c, tx) => StaleReasons.MarkStale(c, tx, tableId, rowIds, reason, AppendReason));

    public IReadOnlyList<long> ClearReasons(long tableId, IReadOnlyCollection<long> rowIds, IReadOnlyCollection<string> reasons) => Write((c, tx) =>
        StaleReasons.ClearReasons(c, tx, tableId, rowIds,
            "(SELECT json_group_array(value) FROM json_each(rows.reasons) WHERE value NOT IN (SELECT value FROM json_each($gone)))",
            System.Text.Json.JsonSerializer.Serialize(reasons, StoredJson.Default.Strings),
            "json_array_length(coalesce(reasons, '[]')) = 0"));

    public void SaveWorkflowVersion(string hash, string manifestJson) => Write((c, tx) =>
    {
        using var cmd = Command(c, tx, "INSERT OR IGNORE INTO workflow_versions(hash, manifest, created_utc) VALUES($h, $m, $now)", ("$h", hash), ("$m", manifestJson), ("$now", Ticks(DateTime.UtcNow)));
        return cmd.ExecuteNonQuery();
    });

    /// <summary>
    /// Records which files a row's inputs name. A file another row already tracks under another digest keeps the
    /// old digest and is marked for a re-check, so the next check brings every row that uses it up to date.
    /// </summary>
    private static void WriteRowFiles(SqliteConnection c, SqliteTransaction tx, long tableId, long rowId, IReadOnlyList<TrackedFile> files, bool replace)
    {
        using var writer = new RowFilesWriter(c, tx, tableId);
        writer.Write(rowId, files, replace);
    }

    /// <summary>
    /// <see cref="WriteRowFiles"/> with its statements prepared once, for a transaction that writes many rows:
    /// a bulk insert or edit then pays for parsing the SQL once, not once a row. Created lazily, so rows without
    /// files cost nothing.
    /// </summary>
    private sealed class RowFilesWriter(SqliteConnection c, SqliteTransaction tx, long tableId) : IDisposable
    {
        private SqliteCommand? _delete;
        private SqliteCommand? _link;
        private SqliteCommand? _track;

        public void Write(long rowId, IReadOnlyList<TrackedFile> files, bool replace)
        {
            if (replace)
            {
                _delete ??= Prepared(Command(c, tx, "DELETE FROM row_files WHERE row_id = $id", ("$id", 0L)));
                _delete.Parameters[0].Value = rowId;
                _delete.ExecuteNonQuery();
            }

            foreach (var f in files)
            {
                _link ??= Prepared(Command(c, tx, "INSERT OR IGNORE INTO row_files(row_id, path) VALUES($id, $p)", ("$id", 0L), ("$p", "")));
                _link.Parameters[0].Value = rowId;
                _link.Parameters[1].Value = f.Path;
                _link.ExecuteNonQuery();
                _track ??= Prepared(Command(c, tx,
                    $"INSERT INTO tracked_files(table_id, role, path, fingerprint, digest) VALUES($t, {(int)TrackedRole.Input}, $p, $f, $d) " +
                    $"ON CONFLICT(table_id, role, path) DO UPDATE SET fingerprint = CASE WHEN digest = excluded.digest THEN excluded.fingerprint ELSE '{RecheckFingerprint}' END",
                    ("$t", tableId), ("$p", ""), ("$f", ""), ("$d", "")));
                _track.Parameters[1].Value = f.Path;
                _track.Parameters[2].Value = f.Fingerprint;
                _track.Parameters[3].Value = f.Digest;
                _track.ExecuteNonQuery();
            }
        }

        public void Dispose()
        {
            _delete?.Dispose();
            _link?.Dispose();
            _track?.Dispose();
        }
    }

    private static void ReplaceTracked(SqliteConnection c, SqliteTransaction tx, long tableId, TrackedRole role, IReadOnlyList<TrackedFile> files)
    {
        using (var delete = Command(c, tx, "DELETE FROM tracked_files WHERE table_id = $t AND role = $r", ("$t", tableId), ("$r", (int)role)))
        {
            delete.ExecuteNonQuery();
        }

        foreach (var f in files)
        {
            using var insert = Command(c, tx, "INSERT OR REPLACE INTO tracked_files(table_id, role, path, fingerprint, digest) VALUES($t, $r, $p, $f, $d)",
                ("$t", tableId), ("$r", (int)role), ("$p", f.Path), ("$f", f.Fingerprint), ("$d", f.Digest));
            insert.ExecuteNonQuery();
        }
    }
}
