namespace Stoa.Worktables.Execution;

/// <summary>What an executor reports for one row: its outputs, or why it failed.</summary>
public sealed class RowExecutionResult
{
    private RowExecutionResult(bool succeeded, IReadOnlyDictionary<string, object?> outputs, string? error, string? logLocation)
    {
        Succeeded = succeeded;
        Outputs = outputs;
        Error = error;
        LogLocation = logLocation;
    }

    /// <summary><see langword="true"/> when the run produced outputs.</summary>
    public bool Succeeded { get; }

    /// <summary>
    /// Output values by output column name: numbers, strings, booleans, arrays, dictionaries, <see cref="System.Text.Json.Nodes.JsonNode"/>,
    /// or File/Directory (<see cref="FileInfo"/>, a path string, or a CWL File object). Files are copied into the
    /// project's content-addressed output store.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Outputs { get; }

    /// <summary>Why the run failed.</summary>
    public string? Error { get; }

    /// <summary>Where the run's log is, if kept.</summary>
    public string? LogLocation { get; }

    /// <summary>A successful run.</summary>
    /// <param name="outputs">Output values by column name.</param>
    /// <param name="logLocation">Where the log is, if kept.</param>
    public static RowExecutionResult Success(IReadOnlyDictionary<string, object?> outputs, string? logLocation = null)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        return new(true, outputs, null, logLocation);
    }

    /// <summary>A failed run.</summary>
    /// <param name="error">Why it failed.</param>
    /// <param name="logLocation">Where the log is, if kept.</param>
    public static RowExecutionResult Failure(string error, string? logLocation = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new(false, new Dictionary<string, object?>(), error, logLocation);
    }
}
