using System.Text.Json;
using Microsoft.Data.Sqlite;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;
using Stoa.Worktables.Status;

namespace Stoa.Worktables.Storage.Sqlite;

internal sealed partial class SqliteWorktableStore
{
    public IReadOnlyList<string> TableNames()
    {
        using var c = OpenReader();
        using var cmd = Command(c, null, "SELECT name FROM worktables ORDER BY name");
        using var r = cmd.ExecuteReader();
        var names = new List<string>();
        while (r.Read())
        {
            names.Add(r.GetString(0));
        }

        return names;
    }

    public TableRecord? FindTable(string name)
    {
        using var c = OpenReader();
        using var cmd = Command(c, null, "SELECT id, name, definition, workflow_hash, key_columns, template FROM worktables WHERE name = $n", ("$n", name));
        using var r = cmd.ExecuteReader();
        return r.Read()
            ? new TableRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), JsonSerializer.Deserialize<string[]>(r.GetString(4))!, r.GetString(5))
            : null;
    }

    public TableRecord CreateTable(string name, string definitionJson, string workflowHash, IReadOnlyList<string> keyColumns, string templateJson, IReadOnlyList<TrackedFile> workflowFiles) =>
        Write((c, tx) =>
        {
            var record = InsertTable(c, tx, name, definitionJson, workflowHash, keyColumns, templateJson);
            ReplaceTracked(c, tx, record.TableId, TrackedRole.Workflow, workflowFiles);
            return record;
        });

    private TableRecord InsertTable(SqliteConnection c, SqliteTransaction tx, string name, string definitionJson, string workflowHash, IReadOnlyList<string> keyColumns, string templateJson)
    {
        using var cmd = Command(c, tx,
            "INSERT INTO worktables(name, definition, workflow_hash, key_columns, template, created_utc) VALUES($n, $d, $h, $k, $t, $now) RETURNING id",
            ("$n", name), ("$d", definitionJson), ("$h", workflowHash), ("$k", JsonSerializer.Serialize(keyColumns)), ("$t", templateJson), ("$now", Ticks(DateTime.UtcNow)));
        try
        {
            var id = (long)cmd.ExecuteScalar()!;
            return new TableRecord(id, name, definitionJson, workflowHash, keyColumns, templateJson);
        }
        catch (SqliteException e) when (IsUniqueViolation(e))
        {
            throw new WorktableException($"{Path}: a worktable named '{name}' already exists.", e);
        }
    }

    public void SetTemplate(long tableId, string templateJson) => Write((c, tx) =>
    {
        using var cmd = Command(c, tx, "UPDATE worktables SET template = $t WHERE id = $id", ("$t", templateJson), ("$id", tableId));
        return cmd.ExecuteNonQuery();
    });

    public void SetDefinition(long tableId, string definitionJson) => Write((c, tx) =>
    {
        using var cmd = Command(c, tx, "UPDATE worktables SET definition = $d WHERE id = $id", ("$d", definitionJson), ("$id", tableId));
        return cmd.ExecuteNonQuery();
    });

    public WorkflowChangeCounts ChangeWorkflow(long tableId, string definitionJson, string workflowHash, string reason, IReadOnlyList<TrackedFile> workflowFiles) => Write((c, tx) =>
    {
        using (var cmd = Command(c, tx, "UPDATE worktables SET definition = $d, workflow_hash = $h WHERE id = $id", ("$d", definitionJson), ("$h", workflowHash), ("$id", tableId)))
        {
            cmd.ExecuteNonQuery();
        }

        // Both bulk moves are edges of the status machine: Succeeded → Stale, and back to Succeeded when the
        // stored outputs were made by exactly this workflow and these inputs (a workflow change undone) and every
        // input file of the row is still there (a row whose file went missing stays in need of a run).
        var toStale = StatusList(RowStatusMachine.SourcesOf(RowStatus.Stale).Where(s => s == RowStatus.Succeeded));
        long stale;
        using (var cmd = Command(c, tx,
            $"UPDATE rows SET status = {(int)RowStatus.Stale}, reasons = {AppendReason} WHERE table_id = $id AND status IN ({toStale}) AND result_workflow_hash IS NOT $h",
            ("$h", workflowHash), ("$id", tableId), ("$reason", reason)))
        {
            stale = cmd.ExecuteNonQuery();
        }

        var toSucceeded = StatusList(RowStatusMachine.SourcesOf(RowStatus.Succeeded).Where(s => s != RowStatus.Running));
        long back;
        using (var cmd = Command(c, tx,
            $"UPDATE rows SET status = {(int)RowStatus.Succeeded}, reasons = NULL WHERE table_id = $id AND status IN ({toSucceeded}) AND outputs IS NOT NULL AND result_input_hash = input_hash AND result_workflow_hash = $h AND {StaleReasons.NoMissingInput}",
            ("$h", workflowHash), ("$id", tableId)))
        {
            back = cmd.ExecuteNonQuery();
        }

        // Rows that need a run for other reasons say the workflow changed too.
        using (var cmd = Command(c, tx,
            $"UPDATE rows SET reasons = {AppendReason} WHERE table_id = $id AND {SchemaMigrations.NeedsRunPredicate} AND status <> {(int)RowStatus.Stale}",
            ("$id", tableId), ("$reason", reason)))
        {
            cmd.ExecuteNonQuery();
        }

        ReplaceTracked(c, tx, tableId, TrackedRole.Workflow, workflowFiles);
        return new WorkflowChangeCounts(stale, back);
    });

    private static string StatusList(IEnumerable<RowStatus> statuses) => string.Join(",", statuses.Select(s => ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture)));
}
