using System.Text.Json;
using Npgsql;
using Stoa.Worktables.Access;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;
using Stoa.Worktables.Status;

namespace Stoa.Worktables.Storage.Postgres;

internal sealed partial class PostgresWorktableStore
{
    public TableRecord? FindTable(string name)
    {
        using var c = OpenConnection();
        using var cmd = Command(c, "SELECT id, name, definition, workflow_hash, key_columns, template FROM worktables WHERE name = @n", ("n", name));
        using var r = cmd.ExecuteReader();
        return r.Read()
            ? new TableRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), JsonSerializer.Deserialize(r.GetString(4), StoredJson.Default.StringArray)!, r.GetString(5))
            : null;
    }

    public TableRecord CreateTable(string name, string definitionJson, string workflowHash, IReadOnlyList<string> keyColumns, string templateJson, IReadOnlyList<TrackedFile> workflowFiles) =>
        Write((c, tx) =>
        {
            var record = InsertTable(c, name, definitionJson, workflowHash, keyColumns, templateJson);
            ReplaceTracked(c, record.TableId, TrackedRole.Workflow, workflowFiles);
            return record;
        });

    private TableRecord InsertTable(NpgsqlConnection c, string name, string definitionJson, string workflowHash, IReadOnlyList<string> keyColumns, string templateJson)
    {
        // Checked first: a failed INSERT would end the transaction (the write lock keeps the name free until commit).
        using (var exists = Command(c, "SELECT 1 FROM worktables WHERE name = @n", ("n", name)))
        {
            if (exists.ExecuteScalar() is not null)
            {
                throw new WorktableException($"{Path}: a worktable named '{name}' already exists.");
            }
        }

        using var cmd = Command(c,
            "INSERT INTO worktables(name, definition, workflow_hash, key_columns, template, created_utc) VALUES(@n, @d, @h, @k, @t, @now) RETURNING id",
            ("n", name), ("d", definitionJson), ("h", workflowHash), ("k", JsonSerializer.Serialize(keyColumns, StoredJson.Default.Strings)), ("t", templateJson), ("now", Ticks(DateTime.UtcNow)));
        return new TableRecord((long)cmd.ExecuteScalar()!, name, definitionJson, workflowHash, keyColumns, templateJson);
    }

    public WorkflowChangeCounts ChangeWorkflow(long tableId, string definitionJson, string workflowHash, string reason, IReadOnlyList<TrackedFile> workflowFiles) => Write((c, tx) =>
    {
        var counts = StaleReasons.ChangeWorkflow(c, tx, tableId, definitionJson, workflowHash, reason, AppendReason, "IS DISTINCT FROM");
        ReplaceTracked(c, tableId, TrackedRole.Workflow, workflowFiles);
        return counts;
    });


    public TableRecord ImportTable(ImportedTable table, DateTime nowUtc) => Write((c, tx) =>
    {
        var record = InsertTable(c, table.Name, table.DefinitionJson, table.WorkflowHash, table.KeyColumns, table.TemplateJson);
        ReplaceTracked(c, record.TableId, TrackedRole.Workflow, table.WorkflowFiles ?? []);
        var rows = table.Rows;
        var ids = InsertPending(c, record.TableId, [.. rows.Select(r => r.Inputs)], reason: null);

        // Rows whose result came with them go Pending → Succeeded with a run record saying where it came from
        // (as SQLite's import), all in two statements over arrays.
        var imported = Enumerable.Range(0, rows.Count).Where(i => rows[i].Result is not null).ToList();
        if (imported.Count > 0)
        {
            RowStatusMachine.EnsureLegal(0, RowStatus.Pending, RowStatus.Succeeded);
            var runIds = imported.Select(_ => $"import-{Guid.NewGuid():N}").ToArray();
            var rowIds = imported.Select(i => ids[i]).ToArray();
            var outputs = imported.Select(i => rows[i].Result!.OutputsJson).ToArray();
            var hashes = imported.Select(i => rows[i].Result!.OutputHash).ToArray();
            using (var cmd = Command(c,
                $"UPDATE rows r SET status = {(int)RowStatus.Succeeded}, outputs = u.o, output_hash = u.oh, result_input_hash = r.input_hash, result_workflow_hash = @wh, " +
                "run_id = u.run, attempts = 1, finished_utc = @now FROM unnest(@ids, @o, @oh, @run) AS u(id, o, oh, run) WHERE r.id = u.id",
                ("wh", table.WorkflowHash), ("now", Ticks(nowUtc)), ("ids", rowIds), ("o", outputs), ("oh", hashes), ("run", runIds)))
            {
                cmd.ExecuteNonQuery();
            }

            using var run = Command(c,
                "INSERT INTO runs(run_id, row_id, table_id, attempt, input_hash, workflow_hash, state, started_utc, finished_utc, output_hash, log_location) " +
                $"SELECT u.run, u.id, @t, 1, r.input_hash, @wh, {(int)RunState.Succeeded}, @now, @now, u.oh, @log FROM unnest(@ids, @oh, @run) AS u(id, oh, run) JOIN rows r ON r.id = u.id",
                ("t", record.TableId), ("wh", table.WorkflowHash), ("now", Ticks(nowUtc)), ("log", "imported from " + table.Origin), ("ids", rowIds), ("oh", hashes), ("run", runIds));
            run.ExecuteNonQuery();
        }

        foreach (var (parent, spec) in table.Links)
        {
            using var cmd = Command(c, "INSERT INTO links(parent_table, child_table, spec) VALUES(@p, @c, @s)", ("p", parent), ("c", record.TableId), ("s", spec));
            cmd.ExecuteNonQuery();
        }

        if (table.Owner is { } owner)
        {
            using (var cmd = Command(c, "INSERT INTO grants(table_id, user_name, role) VALUES(@t, @u, @r)", ("t", record.TableId), ("u", owner), ("r", (int)WorktableRole.Owner)))
            {
                cmd.ExecuteNonQuery();
            }

            AccessBookkeeping.InsertAudit(c, tx, new AuditEntry(nowUtc, owner, table.Name, WorktableOperation.Share, true, $"{owner} → {WorktableRole.Owner} (imported from {table.Origin})"));
        }

        return record;
    });
}
