using Stoa.Worktables.Search;
using static Stoa.Worktables.Storage.StoredRowReader;

namespace Stoa.Worktables.Storage.Postgres;

internal sealed partial class PostgresWorktableStore
{
    public long? EnsureSkyIndex(long tableId, string raColumn, string decColumn)
    {
        using (var c = OpenConnection())
        using (var find = Command(c, "SELECT id FROM sky_indexes WHERE table_id = @t AND ra_column = @r AND dec_column = @d", ("t", tableId), ("r", raColumn), ("d", decColumn)))
        {
            if (find.ExecuteScalar() is long known)
            {
                return known;
            }
        }

        // Built in the transaction that registers it, under the write lock: no row is written meanwhile, so the
        // triggers and the build see the same rows.
        return Write((c, tx) =>
        {
            using var insert = Command(c,
                "INSERT INTO sky_indexes(table_id, ra_column, dec_column) VALUES(@t, @r, @d) ON CONFLICT DO NOTHING RETURNING id",
                ("t", tableId), ("r", raColumn), ("d", decColumn));
            if (insert.ExecuteScalar() is not long id)
            {
                using var again = Command(c, "SELECT id FROM sky_indexes WHERE table_id = @t AND ra_column = @r AND dec_column = @d", ("t", tableId), ("r", raColumn), ("d", decColumn));
                return (long?)(long)again.ExecuteScalar()!;
            }

            using var build = Command(c, PostgresSchema.SkyPositionsOf("rows r JOIN sky_indexes s ON s.table_id = r.table_id WHERE s.id = @i"), ("i", id));
            build.ExecuteNonQuery();
            return (long?)id;
        });
    }

    public IEnumerable<RowRecord> SkyCandidates(long indexId, double ra, double dec, double radius, IReadOnlyList<(int Zone, double From, double To)> ranges)
    {
        using var c = OpenConnection();
        var ids = new List<long>();
        using (var cmd = Command(c, "SELECT row_id, ra, dec, zone FROM sky_positions WHERE index_id = @i AND zone = @z AND ra >= @a AND ra <= @b",
            ("i", indexId), ("z", 0), ("a", 0.0), ("b", 0.0)))
        {
            foreach (var (zone, from, to) in ranges.Append((SkyZones.Odd, double.NegativeInfinity, double.PositiveInfinity)))
            {
                cmd.Parameters["z"].Value = zone;
                cmd.Parameters["a"].Value = from;
                cmd.Parameters["b"].Value = to;
                using var r = cmd.ExecuteReader();
                while (r.Read())
                {
                    // As SQLite's: the box's corners are cut here; odd positions go on to the caller's exact test.
                    if (r.GetInt32(3) == SkyZones.Odd || SkyDistance.Degrees(ra, dec, r.GetDouble(1), r.GetDouble(2)) <= radius + SkyZones.Margin)
                    {
                        ids.Add(r.GetInt64(0));
                    }
                }
            }
        }

        ids.Sort();
        using var rows = Command(c, $"SELECT {RowColumns} FROM rows WHERE id = ANY(@ids) ORDER BY id", ("ids", ids.ToArray()));
        using var reader = rows.ExecuteReader();
        while (reader.Read())
        {
            yield return ReadRow(reader);
        }
    }
}
