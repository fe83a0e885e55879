using Stoa.Worktables.Access;
using Stoa.Worktables.Annotations;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Execution;
using Stoa.Worktables.Export;
using Stoa.Worktables.Links;
using Stoa.Worktables.Model;
using Stoa.Worktables.Search;
using Stoa.Worktables.Tracking;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables;

/// <summary>
/// One worktable as a host acts on it, whoever acts: a <see cref="UserWorktable"/> checks every call against the
/// acting user's role (a refusal is audited and throws <see cref="AccessDeniedException"/>), a
/// <see cref="Worktable"/> is the administrator's access (no role checked). Get the right one for a request from
/// <see cref="WorktableProject.OpenTable(string, string?)"/>, so a host holds no role rule of its own. The role each
/// call needs is the <see cref="WorktableOperation"/> named on it.
/// </summary>
public interface IWorktable
{
    /// <summary>The table name.</summary>
    string Name { get; }

    /// <summary>The user every call is checked for, or <see langword="null"/> for administrator access (a <see cref="Worktable"/>).</summary>
    string? ActingUser { get; }

    /// <summary>The workflow the table is bound to now (Read).</summary>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    WorkflowDefinition Workflow { get; }

    /// <summary>Input then output columns (Read).</summary>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    IReadOnlyList<ColumnDefinition> Columns { get; }

    /// <summary>The key columns (Read); empty when the table has no key.</summary>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    IReadOnlyList<string> KeyColumns { get; }

    /// <summary>
    /// Whether the acting user may perform <paramref name="operation"/> now: a question for a UI deciding which
    /// controls to show, not an action (nothing is audited; every call still checks). Always <see langword="true"/>
    /// with administrator access.
    /// </summary>
    /// <param name="operation">The operation.</param>
    /// <returns><see langword="true"/> when allowed.</returns>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined <see cref="WorktableOperation"/>.</exception>
    bool Allows(WorktableOperation operation);

    /// <summary>Every row in id order, streamed (Read).</summary>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    IEnumerable<WorktableRow> Rows();

    /// <summary>One row (Read).</summary>
    /// <param name="rowId">The row id.</param>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    /// <exception cref="KeyNotFoundException">No such row.</exception>
    WorktableRow GetRow(long rowId);

    /// <summary>The row with the given key values, or <see langword="null"/> (Read).</summary>
    /// <param name="key">One value per key column.</param>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    WorktableRow? FindByKey(params object?[] key);

    /// <summary>How many rows have each status (Read).</summary>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    IReadOnlyDictionary<RowStatus, long> CountByStatus();

    /// <summary>
    /// Adds one row (AddRows: Owner); columns left out take the template value, or stay empty when optional. A
    /// <see cref="CellText"/> value is parsed by the column's type, as a CSV cell is.
    /// </summary>
    /// <param name="values">Input values by column name (CLR values, JSON nodes, <see cref="FileInfo"/>, <see cref="CellText"/>…).</param>
    /// <returns>The new row id. The row is Pending.</returns>
    /// <exception cref="AccessDeniedException">The user may not add rows.</exception>
    /// <exception cref="CellException">Unknown column, wrong type, missing file or duplicate key; nothing is added.</exception>
    long AddRow(IReadOnlyDictionary<string, object?> values);

    /// <summary>Adds rows in one transaction, all or none (AddRows: Owner).</summary>
    /// <param name="rows">Input values by column name, one dictionary per row.</param>
    /// <returns>The new row ids, in order.</returns>
    /// <exception cref="AccessDeniedException">The user may not add rows.</exception>
    /// <exception cref="CellException">A bad cell or duplicate key; <see cref="CellException.SourceRow"/> is its 1-based position.</exception>
    IReadOnlyList<long> AddRows(IEnumerable<IReadOnlyDictionary<string, object?>> rows);

    /// <summary>Adds the rows of a CSV text (header of input column names), all or none (AddRows: Owner); see <see cref="Worktable.ImportCsv"/>.</summary>
    /// <param name="csv">The CSV text.</param>
    /// <param name="baseDirectory">Directory for relative paths. Default: the current directory.</param>
    /// <returns>The new row ids.</returns>
    /// <exception cref="AccessDeniedException">The user may not add rows.</exception>
    /// <exception cref="CellException">A bad cell; <see cref="CellException.SourceRow"/> is its line number in the file.</exception>
    IReadOnlyList<long> ImportCsv(TextReader csv, string? baseDirectory = null);

    /// <summary>Adds the rows of a JSON array of job objects, all or none (AddRows: Owner); see <see cref="Worktable.ImportJson"/>.</summary>
    /// <param name="json">UTF-8 JSON.</param>
    /// <param name="baseDirectory">Directory for relative paths. Default: the current directory.</param>
    /// <returns>The new row ids.</returns>
    /// <exception cref="AccessDeniedException">The user may not add rows.</exception>
    /// <exception cref="CellException">Not an array of objects, or a bad cell; <see cref="CellException.SourceRow"/> is the 1-based element.</exception>
    IReadOnlyList<long> ImportJson(Stream json, string? baseDirectory = null);

    /// <summary>Changes input cells of one row (EditInputs: Owner); a <see cref="CellText"/> value is parsed by the column's type.</summary>
    /// <param name="rowId">The row.</param>
    /// <param name="changes">New values by input column name.</param>
    /// <returns>The row's status after the edit: Succeeded again if the inputs are back to those of its outputs.</returns>
    /// <exception cref="AccessDeniedException">The user may not edit inputs.</exception>
    /// <exception cref="CellException">Unknown column, wrong type, missing file or duplicate key; the row is unchanged.</exception>
    /// <exception cref="KeyNotFoundException">No such row.</exception>
    RowStatus Edit(long rowId, IReadOnlyDictionary<string, object?> changes);

    /// <summary>Changes one input cell (EditInputs: Owner).</summary>
    /// <param name="rowId">The row.</param>
    /// <param name="column">An input column.</param>
    /// <param name="value">The new value; <see langword="null"/> empties an optional cell.</param>
    /// <returns>The row's status after the edit.</returns>
    /// <exception cref="AccessDeniedException">The user may not edit inputs.</exception>
    /// <exception cref="CellException">Unknown column, wrong type, missing file or duplicate key; the row is unchanged.</exception>
    /// <exception cref="KeyNotFoundException">No such row.</exception>
    RowStatus Edit(long rowId, string column, object? value);

    /// <summary>Deletes a row with its run history, flags and comments (DeleteRows: Owner).</summary>
    /// <param name="rowId">The row.</param>
    /// <returns><see langword="false"/> when there was no such row.</returns>
    /// <exception cref="AccessDeniedException">The user may not delete rows.</exception>
    bool Delete(long rowId);

    /// <summary>Changes input cells of many rows in one transaction, all or none (EditInputs: Owner); see <see cref="Worktable.SetCells"/>.</summary>
    /// <param name="edits">The rows and their new values.</param>
    /// <returns>Each edited row's status after its edit, in order.</returns>
    /// <exception cref="AccessDeniedException">The user may not edit inputs.</exception>
    /// <exception cref="CellException">Unknown column, wrong type, missing file or duplicate key; no row is changed.</exception>
    /// <exception cref="KeyNotFoundException">No such row; no row is changed.</exception>
    IReadOnlyList<RowStatus> SetCells(IEnumerable<RowEdit> edits);

    /// <summary>Changes input cells of the rows a CSV text names by key, in one transaction, all or none (EditInputs: Owner); see <see cref="Worktable.SetCellsFromCsv"/>.</summary>
    /// <param name="csv">The CSV text.</param>
    /// <param name="baseDirectory">Directory for relative File paths. Default: the current directory.</param>
    /// <returns>The edited row ids, in the order of the lines.</returns>
    /// <exception cref="AccessDeniedException">The user may not edit inputs.</exception>
    /// <exception cref="CellException">A bad header, line or cell, named by line and field; no row is changed.</exception>
    IReadOnlyList<long> SetCellsFromCsv(TextReader csv, string? baseDirectory = null);

    /// <summary>Runs exactly the rows that need it (Run: Owner); see <see cref="Worktable.RecomputeAsync(IRowExecutor, RecomputeOptions?, CancellationToken)"/>.</summary>
    /// <param name="executor">Runs one row.</param>
    /// <param name="options">Parallelism, retry and progress. Default: <see cref="RecomputeOptions"/> defaults.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What ran: counts, the table, and each row that started with how it ended.</returns>
    /// <exception cref="AccessDeniedException">The user may not run the table.</exception>
    /// <exception cref="WorkflowException">The workflow on disk changed its columns or no longer loads: nothing ran.</exception>
    Task<RecomputeResult> RecomputeAsync(IRowExecutor executor, RecomputeOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Runs exactly the rows that need it on the project's <see cref="WorktableProject.Executor"/> (Run: Owner).</summary>
    /// <param name="options">Parallelism, retry and progress; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What ran: counts, the table, and each row that started with how it ended.</returns>
    /// <exception cref="AccessDeniedException">The user may not run the table.</exception>
    /// <exception cref="WorkflowException">The workflow on disk changed its columns or no longer loads: nothing ran.</exception>
    Task<RecomputeResult> RecomputeAsync(RecomputeOptions? options, CancellationToken cancellationToken);

    /// <summary>Binds the table to another workflow version (EditSchema: Owner).</summary>
    /// <param name="workflow">The new version.</param>
    /// <param name="dropColumns">Accept removing or retyping input columns (their values are dropped).</param>
    /// <returns>How many rows became Stale.</returns>
    /// <exception cref="AccessDeniedException">The user may not edit the schema.</exception>
    long ChangeWorkflow(WorkflowDefinition workflow, bool dropColumns = false);

    /// <summary>Binds the table to its workflow document as it is on disk now (EditSchema: Owner); see <see cref="Worktable.Rebind"/>.</summary>
    /// <param name="dropColumns">Accept removing or retyping input columns (their values are dropped).</param>
    /// <returns>How many rows became Stale.</returns>
    /// <exception cref="AccessDeniedException">The user may not edit the schema.</exception>
    /// <exception cref="WorkflowException">The document does not load, or columns would be dropped without <paramref name="dropColumns"/>.</exception>
    long Rebind(bool dropColumns = false);

    /// <summary>Checks the table's files against the disk (Read: keeping statuses true is not an edit); see <see cref="Worktable.CheckFiles"/>.</summary>
    /// <returns>What was checked and what changed.</returns>
    /// <exception cref="AccessDeniedException">The user has no role on the table.</exception>
    FileCheckResult CheckFiles();

    /// <summary>Sets a column's unit, UCD and description (EditSchema: Owner).</summary>
    /// <param name="column">The column.</param>
    /// <param name="unit">VO unit, or <see langword="null"/>.</param>
    /// <param name="ucd">UCD, or <see langword="null"/>.</param>
    /// <param name="description">Description; <see langword="null"/> keeps the current one.</param>
    /// <exception cref="AccessDeniedException">The user may not edit the schema.</exception>
    void SetColumnMetadata(string column, string? unit, string? ucd, string? description = null);

    /// <summary>Replaces the row template (EditSchema: Owner).</summary>
    /// <param name="defaults">Values by input column name.</param>
    /// <exception cref="AccessDeniedException">The user may not edit the schema.</exception>
    void SetTemplate(IReadOnlyDictionary<string, object?> defaults);

    /// <summary>Declares a link into this table (Link: Owner of this table, and Reader of the parent); see <see cref="WorktableProject.Link(TableLink)"/>.</summary>
    /// <param name="link">A link whose <see cref="TableLink.Child"/> is this table.</param>
    /// <exception cref="AccessDeniedException">The user may not link this table, or may not read the parent.</exception>
    /// <exception cref="LinkCycleException">The link would close a cycle.</exception>
    /// <exception cref="ArgumentException">The link's child is another table.</exception>
    void Link(TableLink link);

    /// <summary>Writes the table as CSV (Export: Reader and up): a header line, then one line per row in id order.</summary>
    /// <param name="writer">Where to write; not closed.</param>
    /// <param name="includeSystemFields">Also write the hidden fields (row id, status, hashes, times…) first. Default: no.</param>
    /// <exception cref="AccessDeniedException">The user may not export the table.</exception>
    void ExportCsv(TextWriter writer, bool includeSystemFields = false);

    /// <summary>Writes the table as one JSON document (Export: Reader and up); see <see cref="Worktable.ExportJson"/> for its shape.</summary>
    /// <param name="stream">Where to write (UTF-8); not closed.</param>
    /// <param name="options">The optional fields and the layout. Default: none of them, one line.</param>
    /// <exception cref="AccessDeniedException">The user may not export the table.</exception>
    void ExportJson(Stream stream, JsonExportOptions? options = null);

    /// <summary>Writes the table as a FITS binary table (Export: Reader and up).</summary>
    /// <param name="stream">Where to write; not closed.</param>
    /// <param name="includeSystemFields">Also write the hidden fields first. Default: no.</param>
    /// <exception cref="AccessDeniedException">The user may not export the table.</exception>
    /// <exception cref="CellException">A text cell holds a non-ASCII character (FITS text is ASCII).</exception>
    void ExportFits(Stream stream, bool includeSystemFields = false);

    /// <summary>Writes the table as a VOTable 1.4 document (Export: Reader and up).</summary>
    /// <param name="stream">Where to write (UTF-8); not closed.</param>
    /// <param name="serialization">How rows are written. Default: <see cref="VoTableSerialization.TableData"/>.</param>
    /// <param name="includeSystemFields">Also write the hidden fields first. Default: no.</param>
    /// <exception cref="AccessDeniedException">The user may not export the table.</exception>
    /// <exception cref="CellException">A text cell holds a control character XML cannot carry.</exception>
    void ExportVoTable(Stream stream, VoTableSerialization serialization = VoTableSerialization.TableData, bool includeSystemFields = false);

    /// <summary>Writes the table as a STOA <c>.wtx</c> bundle (Export: Reader and up).</summary>
    /// <param name="stream">Where to write; not closed.</param>
    /// <exception cref="AccessDeniedException">The user may not export the table.</exception>
    /// <exception cref="WorkflowException">The table has no CWL document, or its files changed since it was bound.</exception>
    void ExportWtx(Stream stream);

    /// <summary>Writes the table as a STOA <c>.wtx</c> bundle file (Export: Reader and up).</summary>
    /// <param name="path">The <c>.wtx</c> file to write.</param>
    /// <exception cref="AccessDeniedException">The user may not export the table.</exception>
    /// <exception cref="WorkflowException">The table has no CWL document, or its files changed since it was bound.</exception>
    void ExportWtx(string path);

    /// <summary>IVOA Simple Cone Search (Export: Reader and up): the rows within <paramref name="sr"/> degrees of the centre as a VOTable, nearest first.</summary>
    /// <param name="stream">Where to write (UTF-8); not closed.</param>
    /// <param name="ra">RA of the centre, degrees, 0 to 360.</param>
    /// <param name="dec">Dec of the centre, degrees, -90 to 90.</param>
    /// <param name="sr">Search radius, degrees, 0 to 180.</param>
    /// <param name="options">Position columns and serialization. Default: found by UCD, TABLEDATA.</param>
    /// <returns>How many rows matched.</returns>
    /// <exception cref="AccessDeniedException">The user may not export the table.</exception>
    /// <exception cref="ArgumentOutOfRangeException">RA, DEC or SR out of range or NaN; <see cref="ArgumentException.ParamName"/> names it.</exception>
    /// <exception cref="WorktableException">No position column with the UCD, or a named one missing or not numeric.</exception>
    int ConeSearch(Stream stream, double ra, double dec, double sr, ConeSearchOptions? options = null);

    /// <summary>Sets a flag on a row, e.g. <c>suspect</c> or <c>good</c> (Flag: Collaborator and up). Kept in the flag history.</summary>
    /// <param name="rowId">The row.</param>
    /// <param name="label">The flag: any non-empty label.</param>
    /// <exception cref="AccessDeniedException">The user may not flag rows.</exception>
    /// <exception cref="KeyNotFoundException">No such row.</exception>
    void SetFlag(long rowId, string label);

    /// <summary>Clears a flag on a row (Flag: Collaborator and up). Kept in the flag history.</summary>
    /// <param name="rowId">The row.</param>
    /// <param name="label">The flag.</param>
    /// <exception cref="AccessDeniedException">The user may not flag rows.</exception>
    /// <exception cref="KeyNotFoundException">No such row.</exception>
    void ClearFlag(long rowId, string label);

    /// <summary>The flags set on a row now, each with who set it and when (Read).</summary>
    /// <param name="rowId">The row.</param>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    IReadOnlyList<RowFlag> Flags(long rowId);

    /// <summary>Every flag set and clear, oldest first (Read).</summary>
    /// <param name="rowId">The row; <see langword="null"/> for all rows of the table.</param>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    IReadOnlyList<RowFlag> FlagHistory(long? rowId = null);

    /// <summary>Adds a comment to a row (Comment: Collaborator and up). Comments are never edited or removed, except with their row.</summary>
    /// <param name="rowId">The row.</param>
    /// <param name="text">The comment; not empty.</param>
    /// <returns>The stored comment with its author and time.</returns>
    /// <exception cref="AccessDeniedException">The user may not comment.</exception>
    /// <exception cref="KeyNotFoundException">No such row.</exception>
    RowComment AddComment(long rowId, string text);

    /// <summary>The comments, oldest first (Read).</summary>
    /// <param name="rowId">The row; <see langword="null"/> for all rows of the table.</param>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    IReadOnlyList<RowComment> Comments(long? rowId = null);
}
