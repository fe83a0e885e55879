namespace Stoa.Worktables.Errors;

/// <summary>
/// A <c>.wtx</c> bundle could not be imported: it is not a zip, an entry is missing or unsafe, or a line of one of
/// its text files is malformed. The message names the bundle, the entry inside it, the line and the field, e.g.
/// <c>run.wtx!table.txt:7: column 'ra': 'abc': not a value of type double.</c> The project is unchanged.
/// </summary>
public sealed class WtxFormatException : WorktableException
{
    /// <summary>Creates the exception.</summary>
    public WtxFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, naming entry, line and field.</param>
    public WtxFormatException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public WtxFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }

    internal WtxFormatException(string bundle, string? entry, int? line, string? field, string problem, Exception? innerException = null, string fieldKind = "column")
        : base(Describe(bundle, entry, line, field, problem, fieldKind), innerException!)
    {
        Bundle = bundle;
        Entry = entry;
        Line = line;
        Field = field;
    }

    /// <summary>The bundle's file name.</summary>
    public string? Bundle { get; }

    /// <summary>The entry inside the bundle (e.g. <c>table.txt</c>), when the problem is in one.</summary>
    public string? Entry { get; }

    /// <summary>The 1-based line in <see cref="Entry"/>, when known.</summary>
    public int? Line { get; }

    /// <summary>The column or field concerned, when there is one.</summary>
    public string? Field { get; }

    private static string Describe(string bundle, string? entry, int? line, string? field, string problem, string fieldKind)
    {
        var where = entry is null ? bundle : $"{bundle}!{entry}{(line is int n ? ":" + n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")}";
        return field is null ? $"{where}: {problem}" : $"{where}: {fieldKind} '{field}': {problem}";
    }
}
