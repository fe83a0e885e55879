using Stoa.Worktables.Access;
using Stoa.Worktables.Model;
using Stoa.Worktables.Status;

namespace Stoa.Worktables.Storage.Sqlite;

internal sealed partial class SqliteWorktableStore
{
    public TableRecord ImportTable(ImportedTable table, DateTime nowUtc) => Write((c, tx) =>
    {
        var record = InsertTable(c, tx, table.Name, table.DefinitionJson, table.WorkflowHash, table.KeyColumns, table.TemplateJson);
        ReplaceTracked(c, tx, record.TableId, TrackedRole.Workflow, table.WorkflowFiles ?? []);
        using var insert = Command(c, tx,
            $"INSERT INTO rows(table_id, status, inputs, input_hash, key_text) VALUES($t, {(int)RowStatus.Pending}, $i, $h, $k) RETURNING id",
            ("$t", record.TableId), ("$i", ""), ("$h", ""), ("$k", null));
        insert.Prepare();
        var index = 0;
        foreach (var row in table.Rows)
        {
            insert.Parameters["$i"].Value = row.Inputs.InputsJson;
            insert.Parameters["$h"].Value = row.Inputs.InputHash;
            insert.Parameters["$k"].Value = (object?)row.Inputs.KeyText ?? DBNull.Value;
            long id;
            try
            {
                id = (long)insert.ExecuteScalar()!;
                WriteRowFiles(c, tx, record.TableId, id, row.Inputs.Files, replace: false);
            }
            catch (Microsoft.Data.Sqlite.SqliteException e) when (IsUniqueViolation(e))
            {
                throw new DuplicateKeyViolation(index, row.Inputs.KeyText!);
            }

            if (row.Result is { } result)
            {
                // The result was computed before the import, for exactly these inputs and this workflow: the row's
                // identity goes to the one its outputs were made from, an edge of the status machine. A run record
                // says where the result came from, so provenance does not show a run Stoa never made.
                RowStatusMachine.EnsureLegal(id, RowStatus.Pending, RowStatus.Succeeded);
                var runId = $"import-{Guid.NewGuid():N}";
                using (var cmd = Command(c, tx,
                    $"UPDATE rows SET status = {(int)RowStatus.Succeeded}, outputs = $o, output_hash = $oh, result_input_hash = input_hash, result_workflow_hash = $wh, " +
                    "run_id = $run, attempts = 1, finished_utc = $now WHERE id = $id",
                    ("$o", result.OutputsJson), ("$oh", result.OutputHash), ("$wh", table.WorkflowHash), ("$run", runId), ("$now", Ticks(nowUtc)), ("$id", id)))
                {
                    cmd.ExecuteNonQuery();
                }

                using (var cmd = Command(c, tx,
                    "INSERT INTO runs(run_id, row_id, table_id, attempt, input_hash, workflow_hash, state, started_utc, finished_utc, output_hash, log_location) " +
                    $"VALUES($run, $id, $t, 1, $ih, $wh, {(int)RunState.Succeeded}, $now, $now, $oh, $log)",
                    ("$run", runId), ("$id", id), ("$t", record.TableId), ("$ih", row.Inputs.InputHash), ("$wh", table.WorkflowHash), ("$now", Ticks(nowUtc)),
                    ("$oh", result.OutputHash), ("$log", "imported from " + table.Origin)))
                {
                    cmd.ExecuteNonQuery();
                }
            }

            index++;
        }

        foreach (var (parent, spec) in table.Links)
        {
            using var cmd = Command(c, tx, "INSERT INTO links(parent_table, child_table, spec) VALUES($p, $c, $s)", ("$p", parent), ("$c", record.TableId), ("$s", spec));
            cmd.ExecuteNonQuery();
        }

        if (table.Owner is { } owner)
        {
            using (var cmd = Command(c, tx, "INSERT INTO grants(table_id, user_name, role) VALUES($t, $u, $r)", ("$t", record.TableId), ("$u", owner), ("$r", (int)WorktableRole.Owner)))
            {
                cmd.ExecuteNonQuery();
            }

            InsertAudit(c, tx, new AuditEntry(nowUtc, owner, table.Name, WorktableOperation.Share, true, $"{owner} → {WorktableRole.Owner} (imported from {table.Origin})"));
        }

        return record;
    });
}
