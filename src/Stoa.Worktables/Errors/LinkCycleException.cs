namespace Stoa.Worktables.Errors;

/// <summary>A link was refused because it would close a cycle of tables; <see cref="Cycle"/> is the path.</summary>
public sealed class LinkCycleException : WorktableException
{
    /// <summary>Creates the exception.</summary>
    public LinkCycleException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The cycle.</param>
    public LinkCycleException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">The cycle.</param>
    /// <param name="innerException">The cause.</param>
    public LinkCycleException(string message, Exception innerException) : base(message, innerException)
    {
    }

    internal LinkCycleException(IReadOnlyList<string> cycle)
        : base($"link refused: it would make a cycle of tables {string.Join(" → ", cycle)}.") => Cycle = cycle;

    /// <summary>The tables of the cycle, parent to child, first and last the same.</summary>
    public IReadOnlyList<string> Cycle { get; } = [];
}
