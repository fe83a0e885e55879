using System.Text.Json.Nodes;
using Stoa.Worktables.Annotations;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Execution;
using Stoa.Worktables.Model;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Access;

/// <summary>
/// A worktable as one user acts on it. Every operation first checks the user's current role on the table (read
/// from the project, so a revoked role takes effect at once); a denied operation changes nothing, is recorded in
/// the audit log and throws <see cref="AccessDeniedException"/>. Get one from
/// <see cref="WorktableProject.OpenTableAs(string, string)"/> or <see cref="WorktableProject.CreateTableAs(string, string, WorkflowDefinition, WorktableOptions?)"/>.
/// </summary>
public sealed partial class UserWorktable : IWorktable
{
    internal UserWorktable(Worktable table, string user)
    {
        Table = table;
        User = user;
    }

    /// <summary>The acting user.</summary>
    public string User { get; }

    /// <summary>The acting user (<see cref="User"/>).</summary>
    string? IWorktable.ActingUser => User;

    /// <summary>The workflow the table is bound to now (Read).</summary>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    public Workflow.WorkflowDefinition Workflow => Demand(WorktableOperation.Read).Workflow;

    /// <summary>The table name.</summary>
    public string Name => Table.Name;

    /// <summary>The acting user's role now; <see langword="null"/> when they have none.</summary>
    public WorktableRole? Role => Table.Project.AccessStore.RoleOf(Table.TableId, User);

    internal Worktable Table { get; }

    /// <summary>Input then output columns (Read).</summary>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    public IReadOnlyList<ColumnDefinition> Columns => Demand(WorktableOperation.Read).Columns;

    /// <summary>The key columns (Read).</summary>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    public IReadOnlyList<string> KeyColumns => Demand(WorktableOperation.Read).KeyColumns;

    /// <summary>Every row in id order, streamed (Read).</summary>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    public IEnumerable<WorktableRow> Rows() => Demand(WorktableOperation.Read).Rows();

    /// <summary>One row (Read).</summary>
    /// <param name="rowId">The row id.</param>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    /// <exception cref="KeyNotFoundException">No such row.</exception>
    public WorktableRow GetRow(long rowId) => Demand(WorktableOperation.Read).GetRow(rowId);

    /// <summary>The row with the given key values, or <see langword="null"/> (Read).</summary>
    /// <param name="key">One value per key column.</param>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    public WorktableRow? FindByKey(params object?[] key) => Demand(WorktableOperation.Read).FindByKey(key);

    /// <summary>How many rows have each status (Read).</summary>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    public IReadOnlyDictionary<RowStatus, long> CountByStatus() => Demand(WorktableOperation.Read).CountByStatus();

    /// <summary>The roles granted on this table, by user (Read).</summary>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    public IReadOnlyDictionary<string, WorktableRole> Grants() => Table.Project.AccessStore.Grants(Demand(WorktableOperation.Read).TableId);

    /// <summary>Adds one row (Owner).</summary>
    /// <param name="values">Input values by column name.</param>
    /// <returns>The new row id.</returns>
    /// <exception cref="AccessDeniedException">The user may not add rows.</exception>
    /// <exception cref="CellException">A bad cell or duplicate key; nothing is added.</exception>
    public long AddRow(IReadOnlyDictionary<string, object?> values) => Demand(WorktableOperation.AddRows).AddRow(values);

    /// <summary>Adds rows in one transaction (Owner).</summary>
    /// <param name="rows">Input values by column name, one dictionary per row.</param>
    /// <returns>The new row ids, in order.</returns>
    /// <exception cref="AccessDeniedException">The user may not add rows.</exception>
    /// <exception cref="CellException">A bad cell or duplicate key; nothing is added.</exception>
    public IReadOnlyList<long> AddRows(IEnumerable<IReadOnlyDictionary<string, object?>> rows) => Demand(WorktableOperation.AddRows).AddRows(rows);

    /// <summary>Adds the rows of a CSV text, all or none (Owner); see <see cref="Worktable.ImportCsv"/>.</summary>
    /// <param name="csv">The CSV text.</param>
    /// <param name="baseDirectory">Directory for relative paths. Default: the current directory.</param>
    /// <returns>The new row ids.</returns>
    /// <exception cref="AccessDeniedException">The user may not add rows.</exception>
    /// <exception cref="CellException">A bad cell; <see cref="CellException.SourceRow"/> is its line number in the file.</exception>
    public IReadOnlyList<long> ImportCsv(TextReader csv, string? baseDirectory = null) => Demand(WorktableOperation.AddRows).ImportCsv(csv, baseDirectory);

    /// <summary>Adds the rows of a JSON array of job objects, all or none (Owner); see <see cref="Worktable.ImportJson"/>.</summary>
    /// <param name="json">UTF-8 JSON.</param>
    /// <param name="baseDirectory">Directory for relative paths. Default: the current directory.</param>
    /// <returns>The new row ids.</returns>
    /// <exception cref="AccessDeniedException">The user may not add rows.</exception>
    /// <exception cref="CellException">Not an array of objects, or a bad cell.</exception>
    public IReadOnlyList<long> ImportJson(Stream json, string? baseDirectory = null) => Demand(WorktableOperation.AddRows).ImportJson(json, baseDirectory);

    /// <summary>Changes input cells of one row (Owner).</summary>
    /// <param name="rowId">The row.</param>
    /// <param name="changes">New values by input column name.</param>
    /// <returns>The row's status after the edit.</returns>
    /// <exception cref="AccessDeniedException">The user may not edit inputs.</exception>
    /// <exception cref="CellException">A bad cell; the row is unchanged.</exception>
    public RowStatus Edit(long rowId, IReadOnlyDictionary<string, object?> changes) => Demand(WorktableOperation.EditInputs).Edit(rowId, changes);

    /// <summary>Changes one input cell (Owner).</summary>
    /// <param name="rowId">The row.</param>
    /// <param name="column">An input column.</param>
    /// <param name="value">The new value.</param>
    /// <returns>The row's status after the edit.</returns>
    /// <exception cref="AccessDeniedException">The user may not edit inputs.</exception>
    public RowStatus Edit(long rowId, string column, object? value) => Demand(WorktableOperation.EditInputs).Edit(rowId, column, value);

    /// <summary>Changes input cells of many rows in one transaction, all or none (Owner); see <see cref="Worktable.SetCells"/>.</summary>
    /// <param name="edits">The rows and their new values.</param>
    /// <returns>Each edited row's status after its edit, in order.</returns>
    /// <exception cref="AccessDeniedException">The user may not edit inputs; nothing is read or changed.</exception>
    /// <exception cref="CellException">A bad cell or duplicate key; no row is changed.</exception>
    /// <exception cref="KeyNotFoundException">No such row; no row is changed.</exception>
    public IReadOnlyList<RowStatus> SetCells(IEnumerable<RowEdit> edits) => Demand(WorktableOperation.EditInputs).SetCells(edits);

    /// <summary>Changes input cells of the rows a CSV text names by key, all or none (Owner); see <see cref="Worktable.SetCellsFromCsv"/>.</summary>
    /// <param name="csv">The CSV text.</param>
    /// <param name="baseDirectory">Directory for relative File paths. Default: the current directory.</param>
    /// <returns>The edited row ids, in the order of the lines.</returns>
    /// <exception cref="AccessDeniedException">The user may not edit inputs; nothing is read or changed.</exception>
    /// <exception cref="CellException">A bad header, line or cell, or a key no row has; no row is changed.</exception>
    public IReadOnlyList<long> SetCellsFromCsv(TextReader csv, string? baseDirectory = null) => Demand(WorktableOperation.EditInputs).SetCellsFromCsv(csv, baseDirectory);

    /// <summary>Deletes a row with its run history, flags and comments (Owner).</summary>
    /// <param name="rowId">The row.</param>
    /// <returns><see langword="false"/> when there was no such row.</returns>
    /// <exception cref="AccessDeniedException">The user may not delete rows.</exception>
    public bool Delete(long rowId) => Demand(WorktableOperation.DeleteRows).Delete(rowId);

    /// <summary>Runs the rows that need it (Owner). See <see cref="Worktable.RecomputeAsync(IRowExecutor, RecomputeOptions?, CancellationToken)"/>.</summary>
    /// <param name="executor">Runs one row.</param>
    /// <param name="options">Parallelism, retry and progress.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <exception cref="AccessDeniedException">The user may not run the table.</exception>
    public Task<RecomputeResult> RecomputeAsync(IRowExecutor executor, RecomputeOptions? options = null, CancellationToken cancellationToken = default) =>
        Demand(WorktableOperation.Run).RecomputeAsync(executor, options, cancellationToken);

    /// <summary>Runs the rows that need it on the project's <see cref="WorktableProject.Executor"/> (Owner).</summary>
    /// <param name="options">Parallelism, retry and progress; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What ran: counts, the table, and each row that started with how it ended.</returns>
    /// <exception cref="AccessDeniedException">The user may not run the table.</exception>
    public Task<RecomputeResult> RecomputeAsync(RecomputeOptions? options, CancellationToken cancellationToken) =>
        Demand(WorktableOperation.Run).RecomputeAsync(options, cancellationToken);

    /// <summary>Binds the table to another workflow version (Owner).</summary>
    /// <param name="workflow">The new version.</param>
    /// <returns>How many rows became Stale.</returns>
    /// <exception cref="AccessDeniedException">The user may not edit the schema.</exception>
    /// <param name="dropColumns">Accept removing or retyping input columns (their values are dropped).</param>
    public long ChangeWorkflow(WorkflowDefinition workflow, bool dropColumns = false) => Demand(WorktableOperation.EditSchema).ChangeWorkflow(workflow, dropColumns);

    /// <summary>Binds the table to its workflow document as it is on disk now, accepting changed columns (Owner); see <see cref="Worktable.Rebind"/>.</summary>
    /// <param name="dropColumns">Accept removing or retyping input columns (their values are dropped).</param>
    /// <returns>How many rows became Stale.</returns>
    /// <exception cref="AccessDeniedException">The user may not edit the schema.</exception>
    /// <exception cref="Errors.WorkflowException">The document does not load, or columns would be dropped without <paramref name="dropColumns"/>.</exception>
    public long Rebind(bool dropColumns = false) => Demand(WorktableOperation.EditSchema).Rebind(dropColumns);

    /// <summary>
    /// Checks the table's files against the disk (any role that can read it: keeping statuses true is not an
    /// edit); see <see cref="Worktable.CheckFiles"/>.
    /// </summary>
    /// <returns>What was checked and what changed.</returns>
    /// <exception cref="AccessDeniedException">The user has no role on the table.</exception>
    public Tracking.FileCheckResult CheckFiles() => Demand(WorktableOperation.Read).CheckFiles();

    /// <summary>Sets a column's unit, UCD and description (Owner).</summary>
    /// <param name="column">The column.</param>
    /// <param name="unit">VO unit, or <see langword="null"/>.</param>
    /// <param name="ucd">UCD, or <see langword="null"/>.</param>
    /// <param name="description">Description; <see langword="null"/> keeps the current one.</param>
    /// <exception cref="AccessDeniedException">The user may not edit the schema.</exception>
    public void SetColumnMetadata(string column, string? unit, string? ucd, string? description = null) =>
        Demand(WorktableOperation.EditSchema).SetColumnMetadata(column, unit, ucd, description);

    /// <summary>Replaces the row template (Owner).</summary>
    /// <param name="defaults">Values by input column name.</param>
    /// <exception cref="AccessDeniedException">The user may not edit the schema.</exception>
    public void SetTemplate(IReadOnlyDictionary<string, object?> defaults) => Demand(WorktableOperation.EditSchema).SetTemplate(defaults);

    /// <summary>Gives <paramref name="user"/> a role on the table, replacing any role they had (Owner). Audited.</summary>
    /// <param name="user">A user added with <see cref="WorktableProject.AddUser"/>.</param>
    /// <param name="role">The role.</param>
    /// <exception cref="AccessDeniedException">The acting user may not share the table.</exception>
    /// <exception cref="WorktableException">Unknown user, or the change would leave the table without an Owner.</exception>
    public void Grant(string user, WorktableRole role) => SetGrant(user, role);

    /// <summary>Takes away <paramref name="user"/>'s role on the table (Owner). Audited.</summary>
    /// <param name="user">The user.</param>
    /// <exception cref="AccessDeniedException">The acting user may not share the table.</exception>
    /// <exception cref="WorktableException">The change would leave the table without an Owner.</exception>
    public void Revoke(string user) => SetGrant(user, null);

    /// <summary>Deletes the table with its rows, runs, grants, flags and comments (Owner).</summary>
    /// <exception cref="AccessDeniedException">The user may not delete the table.</exception>
    public void DeleteTable()
    {
        var t = Demand(WorktableOperation.DeleteTable);
        t.Project.AccessStore.DeleteTable(t.TableId);
        t.Project.Forget(t.Name);
        t.Project.RemoveBundle(t.Name);
    }

    /// <summary>
    /// Whether the user's current role allows <paramref name="operation"/> — for a UI deciding which controls to show.
    /// A question, not an action: nothing is audited, and every operation still checks the role itself when called
    /// (a role revoked between the two is refused then).
    /// </summary>
    /// <param name="operation">The operation.</param>
    /// <returns><see langword="true"/> when the role (read now) is at least the one the operation requires.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined <see cref="WorktableOperation"/>.</exception>
    public bool Allows(WorktableOperation operation)
    {
        // Validated first: with no role the policy would not look at the operation at all.
        _ = AccessPolicy.Requires(operation);
        return AccessPolicy.Allows(Role, operation);
    }

    /// <summary>Returns the table when the user may perform <paramref name="operation"/>; otherwise audits and throws.</summary>
    internal Worktable Demand(WorktableOperation operation)
    {
        var store = Table.Project.AccessStore;
        var role = store.RoleOf(Table.TableId, User);
        if (AccessPolicy.Allows(role, operation))
        {
            return Table;
        }

        store.Audit(new AuditEntry(DateTime.UtcNow, User, Name, operation, false, $"role {role?.ToString() ?? "none"}, requires {AccessPolicy.Requires(operation)}"));
        throw new AccessDeniedException(User, Name, operation, role);
    }

    private void SetGrant(string user, WorktableRole? role)
    {
        var t = Demand(WorktableOperation.Share);
        t.Project.RequireUser(user);
        var grants = t.Project.AccessStore.Grants(t.TableId);
        var ownersAfter = grants.Count(g => g.Value == WorktableRole.Owner && g.Key != user) + (role == WorktableRole.Owner ? 1 : 0);
        if (ownersAfter == 0)
        {
            throw new WorktableException($"table '{Name}': {user} is its last Owner; grant Owner to someone else first.");
        }

        t.Project.AccessStore.SetGrant(t.TableId, Name, user, role, User, DateTime.UtcNow);
    }
}
