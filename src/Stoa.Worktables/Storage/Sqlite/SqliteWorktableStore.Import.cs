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
        using var insert = new RowInserter(c, tx, record.TableId, reason: null);
        // The result was computed before the import, for exactly these inputs and this workflow: the row's
        // identity goes to the one its outputs were made from, an edge of the status machine. A run record
        // says where the result came from, so provenance does not show a run Stoa never made.
        using var succeed = Prepared(Command(c, tx,
            $"UPDATE rows SET status = {(int)RowStatus.Succeeded}, outputs = $o, output_hash = $oh, result_input_hash = input_hash, result_workflow_hash = $wh, " +
            "run_id = $run, attempts = 1, finished_utc = $now WHERE id = $id",
            ("$o", ""), ("$oh", ""), ("$wh", table.WorkflowHash), ("$run", ""), ("$now", Ticks(nowUtc)), ("$id", 0L)));
        using var run = Prepared(Command(c, tx,
            "INSERT INTO runs(run_id, row_id, table_id, attempt, input_hash, workflow_hash, state, started_utc, finished_utc, output_hash, log_location) " +
            $"VALUES($run, $id, $t, 1, $ih, $wh, {(int)RunState.Succeeded}, $now, $now, $oh, $log)",
            ("$run", ""), ("$id", 0L), ("$t", record.TableId), ("$ih", ""), ("$wh", table.WorkflowHash), ("$now", Ticks(nowUtc)),
            ("$oh", ""), ("$log", "imported from " + table.Origin)));
        var rows = table.Rows;
        foreach (var row in rows)
        {
            insert.Add(row.Inputs);
        }

        insert.Flush();
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, id) = (rows[i], insert.Ids[i]);
            if (row.Result is { } result)
            {
                RowStatusMachine.EnsureLegal(id, RowStatus.Pending, RowStatus.Succeeded);
                var runId = $"import-{Guid.NewGuid():N}";
                succeed.Parameters["$o"].Value = result.OutputsJson;
                succeed.Parameters["$oh"].Value = result.OutputHash;
                succeed.Parameters["$run"].Value = runId;
                succeed.Parameters["$id"].Value = id;
                succeed.ExecuteNonQuery();
                run.Parameters["$run"].Value = runId;
                run.Parameters["$id"].Value = id;
                run.Parameters["$ih"].Value = row.Inputs.InputHash;
                run.Parameters["$oh"].Value = result.OutputHash;
                run.ExecuteNonQuery();
            }
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

            AccessBookkeeping.InsertAudit(c, tx, new AuditEntry(nowUtc, owner, table.Name, WorktableOperation.Share, true, $"{owner} → {WorktableRole.Owner} (imported from {table.Origin})"));
        }

        return record;
    });
}
