using Stoa.Worktables.Model;

namespace Stoa.Worktables.Storage.Sqlite;

internal sealed partial class SqliteWorktableStore
{
    public long AddGeneratedRow(long linkId, long parentRowId, int index, long childTableId, RowInputs inputs) => Write((c, tx) =>
    {
        long id;
        using (var cmd = Command(c, tx,
            $"INSERT INTO rows(table_id, status, inputs, input_hash, key_text) VALUES($t, {(int)RowStatus.Pending}, $i, $h, $k) RETURNING id",
            ("$t", childTableId), ("$i", inputs.InputsJson), ("$h", inputs.InputHash), ("$k", inputs.KeyText)))
        {
            try
            {
                id = (long)cmd.ExecuteScalar()!;
            }
            catch (Microsoft.Data.Sqlite.SqliteException e) when (IsUniqueViolation(e))
            {
                throw new DuplicateKeyViolation(0, inputs.KeyText!);
            }
        }

        LinkBookkeeping.RecordGeneratedRow(c, tx, linkId, parentRowId, index, id);
        return id;
    });
}
