using Npgsql;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Storage.Postgres;

internal sealed partial class PostgresWorktableStore
{
    /// <summary>Appends <c>@reason</c> to a row's reasons (a JSON array kept as text), keeping the first 20, as SQLite's.</summary>
    private const string AppendReason =
        "CASE WHEN jsonb_array_length(coalesce(reasons, '[]')::jsonb) >= 20 OR coalesce(reasons, '[]')::jsonb @> jsonb_build_array(@reason::text) THEN reasons " +
        "ELSE (coalesce(reasons, '[]')::jsonb || jsonb_build_array(@reason::text))::text END";

    public void UpdateTracked(long tableId, TrackedRole role, IReadOnlyList<TrackedFile> files) => Write((c, tx) =>
    {
        using var cmd = Command(c,
            "UPDATE tracked_files t SET fingerprint = u.f, digest = u.d FROM unnest(@p, @f, @d) AS u(p, f, d) WHERE t.table_id = @t AND t.role = @r AND t.path = u.p",
            ("p", files.Select(f => f.Path).ToArray()), ("f", files.Select(f => f.Fingerprint).ToArray()), ("d", files.Select(f => f.Digest).ToArray()), ("t", tableId), ("r", (int)role));
        return cmd.ExecuteNonQuery();
    });

    public IReadOnlyList<long> MarkStale(long tableId, IReadOnlyCollection<long> rowIds, string reason) =>
        Write((c, tx) => StaleReasons.MarkStale(c, tx, tableId, rowIds, reason, AppendReason));

    public IReadOnlyList<long> ClearReasons(long tableId, IReadOnlyCollection<long> rowIds, IReadOnlyCollection<string> reasons) => Write((c, tx) =>
        StaleReasons.ClearReasons(c, tx, tableId, rowIds,
            "(SELECT coalesce(jsonb_agg(e ORDER BY n), '[]'::jsonb)::text FROM jsonb_array_elements_text(rows.reasons::jsonb) WITH ORDINALITY AS x(e, n) WHERE NOT (e = ANY(@gone)))",
            reasons.ToArray(),
            "jsonb_array_length(coalesce(reasons, '[]')::jsonb) = 0"));

    public void SaveWorkflowVersion(string hash, string manifestJson) => Write((c, tx) =>
    {
        using var cmd = Command(c, "INSERT INTO workflow_versions(hash, manifest, created_utc) VALUES(@h, @m, @now) ON CONFLICT DO NOTHING", ("h", hash), ("m", manifestJson), ("now", Ticks(DateTime.UtcNow)));
        return cmd.ExecuteNonQuery();
    });

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
