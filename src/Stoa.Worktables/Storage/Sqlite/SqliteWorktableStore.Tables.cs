using System.Text.Json;
using Microsoft.Data.Sqlite;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Storage.Sqlite;

internal sealed partial class SqliteWorktableStore
{
    public TableRecord? FindTable(string name)
    {
        using var c = OpenReader();
        using var cmd = Command(c, null, "SELECT id, name, definition, workflow_hash, key_columns, template FROM worktables WHERE name = $n", ("$n", name));
        using var r = cmd.ExecuteReader();
        return r.Read()
            ? new TableRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), JsonSerializer.Deserialize(r.GetString(4), StoredJson.Default.StringArray)!, r.GetString(5))
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
            ("$n", name), ("$d", definitionJson), ("$h", workflowHash), ("$k", JsonSerializer.Serialize(keyColumns, StoredJson.Default.Strings)), ("$t", templateJson), ("$now", Ticks(DateTime.UtcNow)));
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

    public WorkflowChangeCounts ChangeWorkflow(long tableId, string definitionJson, string workflowHash, string reason, IReadOnlyList<TrackedFile> workflowFiles) => Write((c, tx) =>
    {
        var counts = StaleReasons.ChangeWorkflow(c, tx, tableId, definitionJson, workflowHash, reason, AppendReason, "IS NOT");
        ReplaceTracked(c, tx, tableId, TrackedRole.Workflow, workflowFiles);
        return counts;
    });
}
