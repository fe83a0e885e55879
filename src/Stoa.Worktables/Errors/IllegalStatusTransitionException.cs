using Stoa.Worktables.Model;

namespace Stoa.Worktables.Errors;

/// <summary>A status change the row status machine forbids, e.g. Pending → Running without being queued.</summary>
public sealed class IllegalStatusTransitionException : WorktableException
{
    /// <summary>Creates the exception.</summary>
    public IllegalStatusTransitionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public IllegalStatusTransitionException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public IllegalStatusTransitionException(string message, Exception innerException) : base(message, innerException)
    {
    }

    internal IllegalStatusTransitionException(long rowId, RowStatus from, RowStatus to)
        : base($"row {rowId}: the status cannot change from {from} to {to}.")
    {
        RowId = rowId;
        From = from;
        To = to;
    }

    /// <summary>The row.</summary>
    public long RowId { get; }

    /// <summary>The status it had.</summary>
    public RowStatus From { get; }

    /// <summary>The status asked for.</summary>
    public RowStatus To { get; }
}
