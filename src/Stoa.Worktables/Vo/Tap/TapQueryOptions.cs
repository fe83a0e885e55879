namespace Stoa.Worktables.Vo.Tap;

/// <summary>Options of a TAP query (<see cref="VoService.Query"/>).</summary>
public sealed record TapQueryOptions
{
    /// <summary>The most rows any query returns, whatever MAXREC asks: 1 000 000.</summary>
    public const long HardLimit = 1_000_000;

    /// <summary>The rows returned when MAXREC is not given: 100 000.</summary>
    public const long DefaultLimit = 100_000;

    /// <summary>
    /// TAP <c>MAXREC</c>: at most this many rows are written; a result cut short says <c>QUERY_STATUS=OVERFLOW</c>.
    /// The default value is <see langword="null"/>, meaning <see cref="DefaultLimit"/>; values above
    /// <see cref="HardLimit"/> are lowered to it; 0 returns the columns and no row.
    /// </summary>
    public long? MaxRec { get; init; }

    /// <summary>
    /// How long the query may run before it is stopped (a TAP sync request's time limit). The default value is
    /// <see langword="null"/>, no limit. A query stopped at it throws <see cref="Errors.WorktableException"/> saying so.
    /// </summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>The result format. The default value is <see cref="TapFormat.VoTable"/> (TABLEDATA).</summary>
    public TapFormat Format { get; init; } = TapFormat.VoTable;
}
