using Stoa.Worktables.Search;
using static Stoa.Worktables.Storage.StoredRowReader;

namespace Stoa.Worktables.Storage.Sqlite;

internal sealed partial class SqliteWorktableStore
{
    public long? EnsureSkyIndex(long tableId, string raColumn, string decColumn)
    {
        // A JSON path quotes the key with double quotes and has no escape for them: such a column is scanned instead.
        if (raColumn.Contains('"', StringComparison.Ordinal) || decColumn.Contains('"', StringComparison.Ordinal))
        {
            return null;
        }

        var (raPath, decPath) = ($"$.\"{raColumn}\"", $"$.\"{decColumn}\"");
        using (var c = OpenReader())
        using (var find = Command(c, null, "SELECT id FROM sky_indexes WHERE table_id = $t AND ra_path = $r AND dec_path = $d", ("$t", tableId), ("$r", raPath), ("$d", decPath)))
        {
            if (find.ExecuteScalar() is long known)
            {
                return known;
            }
        }

        // Built in the same transaction that registers it, so that the triggers and the bulk insert see the same rows.
        return Write((c, tx) =>
        {
            using var insert = Command(c, tx,
                "INSERT INTO sky_indexes(table_id, ra_path, dec_path) VALUES($t, $r, $d) ON CONFLICT DO NOTHING RETURNING id",
                ("$t", tableId), ("$r", raPath), ("$d", decPath));
            if (insert.ExecuteScalar() is not long id)
            {
                using var again = Command(c, tx, "SELECT id FROM sky_indexes WHERE table_id = $t AND ra_path = $r AND dec_path = $d", ("$t", tableId), ("$r", raPath), ("$d", decPath));
                return (long?)(long)again.ExecuteScalar()!;
            }

            using var build = Command(c, tx,
                SchemaMigrations.SkyPositionsOf("r", "FROM rows r JOIN sky_indexes s ON s.table_id = r.table_id WHERE s.id = $i"), ("$i", id));
            build.ExecuteNonQuery();
            return (long?)id;
        });
    }

    public IEnumerable<RowRecord> SkyCandidates(long indexId, double ra, double dec, double radius, IReadOnlyList<(int Zone, double From, double To)> ranges)
    {
        using var c = OpenReader();
        var ids = new List<long>();
        using (var cmd = Command(c, null, "SELECT row_id, ra, dec, zone FROM sky_positions WHERE index_id = $i AND zone = $z AND ra >= $a AND ra <= $b",
            ("$i", indexId), ("$z", 0), ("$a", 0.0), ("$b", 0.0)))
        {
            cmd.Prepare();
            foreach (var (zone, from, to) in ranges.Append((SkyZones.Odd, double.NegativeInfinity, double.PositiveInfinity)))
            {
                cmd.Parameters["$z"].Value = zone;
                cmd.Parameters["$a"].Value = from;
                cmd.Parameters["$b"].Value = to;
                using var r = cmd.ExecuteReader();
                while (r.Read())
                {
                    // The zone ranges are a box around the cone; its corners go here. Odd positions go on to the exact test as they are.
                    if (r.GetInt32(3) == SkyZones.Odd || SkyDistance.Degrees(ra, dec, r.GetDouble(1), r.GetDouble(2)) <= radius + SkyZones.Margin)
                    {
                        ids.Add(r.GetInt64(0));
                    }
                }
            }
        }

        ids.Sort();
        using var rows = Command(c, null, $"SELECT {RowColumns} FROM rows WHERE id IN (SELECT value FROM json_each($ids)) ORDER BY id",
            ("$ids", System.Text.Json.JsonSerializer.Serialize(ids, StoredJson.Default.Ids)));
        using var reader = rows.ExecuteReader();
        while (reader.Read())
        {
            yield return ReadRow(reader);
        }
    }
}
