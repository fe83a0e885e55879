namespace Stoa.Worktables.Errors;

/// <summary>
/// A cell that cannot be accepted: wrong type, missing file, unknown column or duplicate key. Names the row
/// (its id, or its line/index in the imported source), the column and the offending value. The table is unchanged.
/// </summary>
public class CellException : WorktableException
{
    /// <summary>Creates the exception.</summary>
    public CellException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public CellException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public CellException(string message, Exception innerException) : base(message, innerException)
    {
    }

    internal CellException(RowReference row, string? column, string? value, string problem)
        : base(Describe(row, column, value, problem))
    {
        RowId = row.RowId;
        SourceRow = row.SourceRow;
        Column = column;
        Value = value;
        Problem = problem;
    }

    /// <summary>The id of the existing row, when the cell belongs to one.</summary>
    public long? RowId { get; }

    /// <summary>For rows being added: the 1-based line of the CSV file (the header is line 1) where the row starts, or the 1-based element of a JSON array or batch.</summary>
    public int? SourceRow { get; }

    /// <summary>The column name.</summary>
    public string? Column { get; }

    /// <summary>The offending value as text (<see langword="null"/> when the value was empty).</summary>
    public string? Value { get; }

    /// <summary>What is wrong with the value, without the row and column (for errors re-worded by importers).</summary>
    internal string? Problem { get; }

    private static string Describe(RowReference row, string? column, string? value, string problem)
    {
        var col = column is null ? "" : $", column '{column}'";
        var val = value is null ? " (empty)" : $" value '{Shorten(value)}'";
        return $"{row}{col}:{val}: {problem}";
    }

    /// <summary>At most 200 characters, control characters as <c>\uXXXX</c>: a message stays one line and cannot drive a terminal.</summary>
    private static string Shorten(string s)
    {
        var head = s.Length <= 200 ? s : s[..200];
        if (head.Any(char.IsControl))
        {
            head = string.Concat(head.Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
        }

        return s.Length <= 200 ? head : head + "…";
    }
}

/// <summary>A value that does not have the column's CWL type, e.g. text in an <c>int</c> column.</summary>
public sealed class CellTypeException : CellException
{
    /// <summary>Creates the exception.</summary>
    public CellTypeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public CellTypeException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public CellTypeException(string message, Exception innerException) : base(message, innerException)
    {
    }

    internal CellTypeException(RowReference row, string column, string? value, string problem) : base(row, column, value, problem)
    {
    }
}

/// <summary>A File or Directory input that does not exist.</summary>
public sealed class MissingInputFileException : CellException
{
    /// <summary>Creates the exception.</summary>
    public MissingInputFileException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public MissingInputFileException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public MissingInputFileException(string message, Exception innerException) : base(message, innerException)
    {
    }

    internal MissingInputFileException(RowReference row, string column, string value, string problem) : base(row, column, value, problem)
    {
    }
}

/// <summary>A column name the table does not have (or an output column given as input).</summary>
public sealed class UnknownColumnException : CellException
{
    /// <summary>Creates the exception.</summary>
    public UnknownColumnException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public UnknownColumnException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UnknownColumnException(string message, Exception innerException) : base(message, innerException)
    {
    }

    internal UnknownColumnException(RowReference row, string column, string? value, string problem) : base(row, column, value, problem)
    {
    }
}

/// <summary>A row whose key column values are already used by another row.</summary>
public sealed class DuplicateKeyException : CellException
{
    /// <summary>Creates the exception.</summary>
    public DuplicateKeyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public DuplicateKeyException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DuplicateKeyException(string message, Exception innerException) : base(message, innerException)
    {
    }

    internal DuplicateKeyException(RowReference row, string column, string value, string problem) : base(row, column, value, problem)
    {
    }
}
