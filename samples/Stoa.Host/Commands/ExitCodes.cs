namespace Stoa.Host.Commands;

/// <summary>
/// The exit codes of the <c>stoa</c> commands (documented in the repository README). Scripts branch on them, so
/// they never change meaning.
/// </summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The command ran, but one or more rows failed (see <c>stoa table show</c> for their errors).</summary>
    public const int RowsFailed = 1;

    /// <summary>Bad input: a usage error (unknown option, value out of range, a column given twice), no project at the path, an unknown table/row/column, a cell that does not fit its column, a workflow that does not load.</summary>
    public const int BadInput = 2;

    /// <summary>
    /// The project store cannot be reached: another process held its write lock longer than the busy timeout (30 s), or
    /// the PostgreSQL server of a <c>postgresql://</c> project does not answer.
    /// A project open in another process (e.g. <c>stoa serve</c>) is not an error: any number of processes share it.
    /// </summary>
    public const int ProjectInUse = 3;

    // 4 meant "needs a library API not there yet" while the table exports were missing; it is retired, not reused.

    /// <summary>The acting user's role does not allow the operation (Stoa.Worktables refused and audited it).</summary>
    public const int Forbidden = 5;

    /// <summary>A table link was refused because it would close a cycle of tables (the message names the path).</summary>
    public const int LinkCycle = 6;

    /// <summary>Cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;
}
