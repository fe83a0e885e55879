using Stoa.Worktables.Errors;
using Stoa.Worktables.Search;
using Stoa.Worktables.Vo.Adql;
using Stoa.Worktables.Vo.Tap;
using Stoa.Worktables.Vo.Vosi;

namespace Stoa.Worktables.Vo;

/// <summary>
/// The project's published worktables as Virtual Observatory services, for anonymous clients: TAP 1.1 queries in
/// ADQL 2.1 (<see cref="Query"/>), Simple Cone Search 1.03 per table (<see cref="ConeSearch"/>), and the VOSI
/// documents and VOResource record that describe them. Only tables an Owner published
/// (<see cref="Access.UserWorktable.Publish"/>) are visible, and of them only the user columns: never the hidden
/// fields, flags or comments; an unpublished table is answered exactly like a missing one.
/// </summary>
public sealed class VoService
{
    private readonly WorktableProject _project;

    /// <summary>Creates the service over <paramref name="project"/>; what is published is read at each call.</summary>
    /// <param name="project">The open project.</param>
    public VoService(WorktableProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        _project = project;
    }

    /// <summary>The published table names (ADQL names, as written in FROM), sorted.</summary>
    public IReadOnlyList<string> PublishedTables => [.. _project.AccessStore.Publications().Select(p => p.PublishedName)];

    /// <summary>
    /// Runs an ADQL 2.1 query over the published tables (schema <c>public</c>, which may be left out) and
    /// <c>TAP_SCHEMA</c>, and writes the result. The query is evaluated by the library over the tables' rows;
    /// spherical predicates are exact (great-circle distances).
    /// </summary>
    /// <param name="adql">The query.</param>
    /// <param name="output">Where the result goes; not closed. Nothing is written when the query is refused.</param>
    /// <param name="options">MAXREC, format and time limit. Default: <see cref="TapQueryOptions.DefaultLimit"/> rows as TABLEDATA, no time limit.</param>
    /// <param name="cancellation">Stops the query while it reads rows (a UWS job aborted); nothing is written then.</param>
    /// <returns><see langword="true"/> when MAXREC cut the result short (the document says <c>QUERY_STATUS=OVERFLOW</c>).</returns>
    /// <exception cref="AdqlException">A syntax error (with line and column), an unknown table or column, or a type error.</exception>
    /// <exception cref="WorktableException">The query ran past <see cref="TapQueryOptions.TimeLimit"/> and was stopped.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A negative MAXREC or time limit, or an undefined format.</exception>
    public bool Query(string adql, Stream output, TapQueryOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(adql);
        ArgumentNullException.ThrowIfNull(output);
        options ??= new TapQueryOptions();
        if (options.MaxRec is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxRec, "MAXREC must be 0 or more.");
        }

        if (!Enum.IsDefined(options.Format))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Format, "unknown format");
        }

        if (options.TimeLimit is { } limit && limit < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), limit, "the time limit must not be negative.");
        }

        var query = AdqlParser.Parse(adql);
        var tables = Tables();
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        if (options.TimeLimit is { } l)
        {
            timer.CancelAfter(l);
        }

        AdqlResult result;
        try
        {
            result = AdqlEvaluator.Run(query, t => Resolve(tables, t), Math.Min(options.MaxRec ?? TapQueryOptions.DefaultLimit, TapQueryOptions.HardLimit), timer.Token);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new WorktableException(FormattableString.Invariant(
                $"the query was stopped at its time limit of {options.TimeLimit!.Value.TotalSeconds:0.###} s; narrow it (TOP, a smaller region) or run it as an asynchronous job (/tap/async)"));
        }

        TapResultWriter.Write(output, result, options.Format);
        return result.Overflow;
    }

    /// <summary>
    /// Writes the error document a TAP or cone search service answers a refused request with: a VOTable whose results
    /// resource has <c>INFO name="QUERY_STATUS" value="ERROR"</c> (DALI) and which has <c>INFO name="Error"</c> (SCS 1.03), both with the message.
    /// </summary>
    /// <param name="output">Where to write; not closed.</param>
    /// <param name="message">What was wrong.</param>
    public static void WriteError(Stream output, string message)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(message);
        TapResultWriter.WriteError(output, message);
    }

    /// <summary>Simple Cone Search 1.03 over a published table: the same answer as <see cref="Access.UserWorktable.ConeSearch"/>, anonymously.</summary>
    /// <param name="table">The published name (without case).</param>
    /// <param name="output">Where the VOTable goes; not closed.</param>
    /// <param name="ra">RA of the centre, degrees, 0 to 360.</param>
    /// <param name="dec">Dec of the centre, degrees, -90 to 90.</param>
    /// <param name="sr">Search radius, degrees, 0 to 180.</param>
    /// <returns>How many rows matched.</returns>
    /// <exception cref="WorktableException">No published table of that name, or it has no position columns.</exception>
    /// <exception cref="ArgumentOutOfRangeException">RA, DEC or SR out of range or NaN.</exception>
    public int ConeSearch(string table, Stream output, double ra, double dec, double sr)
    {
        ArgumentNullException.ThrowIfNull(output);
        var t = FindPublished(table);
        return Search.ConeSearch.Write(t, output, ra, dec, sr, new ConeSearchOptions());
    }

    /// <summary>Whether <paramref name="table"/> is published (without case).</summary>
    /// <param name="table">A published name.</param>
    public bool IsPublished(string table) => table is not null && Tap.PublishedTables.Find(_project, table) is not null;

    /// <summary>The VOSI 1.1 tableset: the published tables and TAP_SCHEMA, columns with units, UCDs and descriptions.</summary>
    /// <param name="output">Where to write; not closed.</param>
    public void WriteTables(Stream output) => VosiDocuments.Tables(output, Tables());

    /// <summary>The VOSI capabilities: TAP 1.1 (ADQL 2.1 with its geometry features, formats, limits), VOSI, and a cone search per published table with position columns.</summary>
    /// <param name="output">Where to write; not closed.</param>
    /// <param name="tap">The TAP base URL (e.g. <c>http://host/tap</c>).</param>
    /// <param name="coneSearch">The cone search URL of a published table.</param>
    public void WriteCapabilities(Stream output, Uri tap, Func<string, Uri> coneSearch) =>
        VosiDocuments.Capabilities(output, tap, Cones(coneSearch));

    /// <summary>The VOSI availability document.</summary>
    /// <param name="output">Where to write; not closed.</param>
    public static void WriteAvailability(Stream output) => VosiDocuments.Availability(output);

    /// <summary>
    /// The VOResource 1.1 record of the service, for a registry to harvest: a <c>vs:CatalogService</c> (VODataService 1.1)
    /// with the TAP capability (<c>tr:TableAccess</c>, TAPRegExt 1.0), the VOSI ones, one <c>cs:ConeSearch</c>
    /// (SimpleDALRegExt 1.1) per published table with position columns, and the tableset.
    /// </summary>
    /// <param name="output">Where to write; not closed.</param>
    /// <param name="tap">The TAP base URL.</param>
    /// <param name="coneSearch">The cone search URL of a published table.</param>
    public void WriteResourceRecord(Stream output, Uri tap, Func<string, Uri> coneSearch) =>
        VosiDocuments.Resource(output, tap, Cones(coneSearch), Tables(), DateTime.UtcNow);

    /// <summary>The cone search of each published table that can serve one (it has RA and Dec columns by UCD).</summary>
    private List<(string, Uri)> Cones(Func<string, Uri> coneSearch) =>
        [.. Tap.PublishedTables.All(_project).Where(p => Search.SkyIndex.PositionColumns(p.Table) is not null).Select(p => (p.Published, coneSearch(p.Published)))];

    private Worktable FindPublished(string table) =>
        Tap.PublishedTables.Find(_project, table ?? "") ?? throw new WorktableException($"no published table named '{table}'.");

    private List<AdqlTable> Tables()
    {
        var published = Tap.PublishedTables.All(_project).Select(p => Tap.PublishedTables.AsAdql(p.Published, p.Table)).ToList();
        return [.. published, .. TapSchema.Tables(published)];
    }

    private static AdqlTable Resolve(List<AdqlTable> tables, TableRef t)
    {
        var schema = t.Schema?.Text;
        var found = tables.FirstOrDefault(a => t.Table.Matches(a.Name)
            && (schema is null ? a.Schema == Tap.PublishedTables.Schema : t.Schema!.Matches(a.Schema)));
        return found ?? throw new AdqlException($"no published table {AdqlPrinter.Print(t.Table)}{(schema is null ? "" : $" in schema {schema}")}; see /tables or TAP_SCHEMA.tables");
    }
}
