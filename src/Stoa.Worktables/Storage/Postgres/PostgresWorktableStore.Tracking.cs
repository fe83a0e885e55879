using Npgsql;
using Stoa.Worktables.Model;
using Stoa.Worktables.Status;

namespace Stoa.Worktables.Storage.Postgres;

internal sealed partial class PostgresWorktableStore
{
    /// <summary>Appends <c>@reason</c> to a row's reasons (a JSON array kept as text), keeping the first 20, as SQLite's.</summary>
    private const string AppendReason =
        "CASE WHEN jsonb_array_length(coalesce(reasons, '[]')::jsonb) >= 20 OR coalesce(reasons, '[]')::jsonb @> jsonb_build_array(@reason::text) THEN reasons " +
        "ELSE (coalesce(reasons, '[]')::jsonb || jsonb_build_array(@reason::text))::text END";

    /// <summary>A row (of <c>rows</c>) none of whose input files is tracked as missing.</summary>
    private const string NoMissingInput =
        "NOT EXISTS(SELECT 1 FROM row_files rf JOIN tracked_files tf ON tf.path = rf.path AND tf.table_id = rows.table_id AND tf.role = 0 " +
        "WHERE rf.row_id = rows.id AND tf.fingerprint = 'missing')";

    public IReadOnlyList<TrackedFile> TrackedFiles(long tableId, TrackedRole role)
    {
        using var c = OpenConnection();
        using var cmd = Command(c, "SELECT path, fingerprint, digest FROM tracked_files WHERE table_id = @t AND role = @r", ("t", tableId), ("r", (int)role));
        using var r = cmd.ExecuteReader();
        var files = new List<TrackedFile>();
        while (r.Read())
        {
            files.Add(new TrackedFile(r.GetString(0), r.GetString(1), r.GetString(2)));
        }

        return files;
    }

    public void UpdateTracked(long tableId, TrackedRole role, IReadOnlyList<TrackedFile> files) => Write((c, tx) =>
    {
        using var cmd = Command(c,
            "UPDATE tracked_files t SET fingerprint = u.f, digest = u.d FROM unnest(@p, @f, @d) AS u(p, f, d) WHERE t.table_id = @t AND t.role = @r AND t.path = u.p",
            ("p", files.Select(f => f.Path).ToArray()), ("f", files.Select(f => f.Fingerprint).ToArray()), ("d", files.Select(f => f.Digest).ToArray()), ("t", tableId), ("r", (int)role));
        return cmd.ExecuteNonQuery();
    });

    public IReadOnlyList<long> RowsUsingFile(long tableId, string path)
    {
        using var c = OpenConnection();
        using var cmd = Command(c, "SELECT f.row_id FROM row_files f JOIN rows r ON r.id = f.row_id WHERE f.path = @p AND r.table_id = @t ORDER BY f.row_id", ("p", path), ("t", tableId));
        return ReadIds(cmd);
    }

    public IReadOnlyList<long> MarkStale(long tableId, IReadOnlyCollection<long> rowIds, string reason) => Write((c, tx) =>
    {
        RowStatusMachine.EnsureLegal(0, RowStatus.Succeeded, RowStatus.Stale);
        var marked = new List<long>();
        using var stale = Command(c,
            $"UPDATE rows SET status = {(int)RowStatus.Stale}, reasons = {AppendReason} WHERE id = @id AND table_id = @t AND status = {(int)RowStatus.Succeeded} RETURNING id",
            ("id", 0L), ("t", tableId), ("reason", reason));
        using var note = Command(c,
            $"UPDATE rows SET reasons = {AppendReason} WHERE id = @id AND table_id = @t AND {NeedsRun}",
            ("id", 0L), ("t", tableId), ("reason", reason));
        foreach (var id in rowIds)
        {
            stale.Parameters["id"].Value = id;
            if (stale.ExecuteScalar() is long changed)
            {
                marked.Add(changed);
            }
            else
            {
                note.Parameters["id"].Value = id;
                note.ExecuteNonQuery();
            }
        }

        return (IReadOnlyList<long>)marked;
    });

    public IReadOnlyList<long> ClearReasons(long tableId, IReadOnlyCollection<long> rowIds, IReadOnlyCollection<string> reasons) => Write((c, tx) =>
    {
        RowStatusMachine.EnsureLegal(0, RowStatus.Stale, RowStatus.Succeeded);
        using var clear = Command(c,
            "UPDATE rows SET reasons = (SELECT coalesce(jsonb_agg(e ORDER BY n), '[]'::jsonb)::text FROM jsonb_array_elements_text(rows.reasons::jsonb) WITH ORDINALITY AS x(e, n) WHERE NOT (e = ANY(@gone))) " +
            "WHERE id = @id AND table_id = @t AND reasons IS NOT NULL",
            ("id", 0L), ("t", tableId), ("gone", reasons.ToArray()));
        using var back = Command(c,
            $"UPDATE rows SET status = {(int)RowStatus.Succeeded}, reasons = NULL WHERE id = @id AND table_id = @t AND status = {(int)RowStatus.Stale} " +
            "AND jsonb_array_length(coalesce(reasons, '[]')::jsonb) = 0 AND outputs IS NOT NULL AND result_input_hash = input_hash " +
            $"AND result_workflow_hash = (SELECT workflow_hash FROM worktables WHERE id = @t) AND {NoMissingInput} RETURNING id",
            ("id", 0L), ("t", tableId));
        var restored = new List<long>();
        foreach (var id in rowIds)
        {
            clear.Parameters["id"].Value = id;
            clear.ExecuteNonQuery();
            back.Parameters["id"].Value = id;
            if (back.ExecuteScalar() is long r)
            {
                restored.Add(r);
            }
        }

        return (IReadOnlyList<long>)restored;
    });

    public void SaveWorkflowVersion(string hash, string manifestJson) => Write((c, tx) =>
    {
        using var cmd = Command(c, "INSERT INTO workflow_versions(hash, manifest, created_utc) VALUES(@h, @m, @now) ON CONFLICT DO NOTHING", ("h", hash), ("m", manifestJson), ("now", Ticks(DateTime.UtcNow)));
        return cmd.ExecuteNonQuery();
    });

    public string? FindWorkflowVersion(string hash)
    {
        using var c = OpenConnection();
        using var cmd = Command(c, "SELECT manifest FROM workflow_versions WHERE hash = @h", ("h", hash));
        return cmd.ExecuteScalar() as string;
    }

    /// <summary>
    /// Records which files a row's inputs name, as SQLite's <c>RowFilesWriter</c>: a file another row already
    /// tracks under another digest keeps the old digest and is marked for a re-check.
    /// </summary>
    private sealed class RowFilesWriter(NpgsqlConnection c, long tableId) : IDisposable
    {
        private NpgsqlCommand? _delete;
        private NpgsqlCommand? _link;
        private NpgsqlCommand? _track;

        public void Write(long rowId, IReadOnlyList<TrackedFile> files, bool replace)
        {
            if (replace)
            {
                _delete ??= Command(c, "DELETE FROM row_files WHERE row_id = @id", ("id", 0L));
                _delete.Parameters[0].Value = rowId;
                _delete.ExecuteNonQuery();
            }

            foreach (var f in files)
            {
                _link ??= Command(c, "INSERT INTO row_files(row_id, path) VALUES(@id, @p) ON CONFLICT DO NOTHING", ("id", 0L), ("p", ""));
                _link.Parameters[0].Value = rowId;
                _link.Parameters[1].Value = f.Path;
                _link.ExecuteNonQuery();
                _track ??= Command(c,
                    $"INSERT INTO tracked_files(table_id, role, path, fingerprint, digest) VALUES(@t, {(int)TrackedRole.Input}, @p, @f, @d) " +
                    $"ON CONFLICT(table_id, role, path) DO UPDATE SET fingerprint = CASE WHEN tracked_files.digest = excluded.digest THEN excluded.fingerprint ELSE '{Sqlite.SqliteWorktableStore.RecheckFingerprint}' END",
                    ("t", tableId), ("p", ""), ("f", ""), ("d", ""));
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

    private static void ReplaceTracked(NpgsqlConnection c, long tableId, TrackedRole role, IReadOnlyList<TrackedFile> files)
    {
        using (var delete = Command(c, "DELETE FROM tracked_files WHERE table_id = @t AND role = @r", ("t", tableId), ("r", (int)role)))
        {
            delete.ExecuteNonQuery();
        }

        foreach (var f in files)
        {
            using var insert = Command(c,
                "INSERT INTO tracked_files(table_id, role, path, fingerprint, digest) VALUES(@t, @r, @p, @f, @d) ON CONFLICT(table_id, role, path) DO UPDATE SET fingerprint = excluded.fingerprint, digest = excluded.digest",
                ("t", tableId), ("r", (int)role), ("p", f.Path), ("f", f.Fingerprint), ("d", f.Digest));
            insert.ExecuteNonQuery();
        }
    }
}
