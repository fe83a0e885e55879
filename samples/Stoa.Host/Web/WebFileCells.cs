using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Stoa.Host.Commands.Table;
using Stoa.Worktables;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;

namespace Stoa.Host.Web;

/// <summary>A file or directory the project already stores that a row edit may choose, named by its checksum.</summary>
/// <param name="Class">"File" or "Directory".</param>
/// <param name="Checksum">The cell's <c>sha1$…</c> checksum: what the page sends back.</param>
/// <param name="Name">Its basename, to show.</param>
/// <param name="Location">Where the project stores it (never sent to the browser).</param>
internal sealed record StoredFile(string Class, string Checksum, string Name, string Location);

/// <summary>
/// How a row edit from the web sets File and Directory cells: a web request never names a server path. A File cell
/// takes an uploaded file (multipart, at most <see cref="Limit"/> bytes), which Stoa.Worktables stores
/// content-addressed in the project under the upload's bare name; or a file or directory the table already holds in
/// the project's store, chosen by its checksum. Any other text for such a column, a column whose type nests files,
/// or a File/Directory object in an <c>Any</c> column is a 400 that names the column, answered without looking at
/// the file system (so the answer tells nothing about which paths exist).
/// </summary>
internal sealed class WebFileCells(WorktableProject project, long limit)
{
    /// <summary>The largest upload of one edit, in bytes.</summary>
    public long Limit { get; } = limit;

    /// <summary>Gives the edit endpoint its body limits: the upload plus room for the other fields and the multipart framing.</summary>
    public void Limits(RouteHandlerBuilder endpoint) => endpoint
        .WithMetadata(new BodySizeLimit(Limit + (1 << 20)))
        .WithFormOptions(multipartBodyLengthLimit: Limit + (1 << 20));

    /// <summary>The files and directories the rows of <paramref name="access"/> hold in the project's store, one per checksum.</summary>
    public IReadOnlyList<StoredFile> Stored(TableAccess access)
    {
        var root = project.OutputDirectory + Path.DirectorySeparatorChar;
        var found = new Dictionary<(string, string), StoredFile>();
        foreach (var row in access.Rows.Rows())
        {
            foreach (var cell in row.Inputs.Values.Concat(row.Outputs.Values))
            {
                if (cell is JsonObject o && (string?)o["class"] is "File" or "Directory" && (string?)o["checksum"] is { } sum
                    && (string?)o["location"] is { } location && location.StartsWith(root, StringComparison.Ordinal))
                {
                    var cls = (string)o["class"]!;
                    found.TryAdd((cls, sum), new StoredFile(cls, sum, (string?)o["basename"] ?? Path.GetFileName(location), location));
                }
            }
        }

        return [.. found.Values];
    }

    /// <summary>The cell changes an edit form asks for: uploads stored, choices looked up, other fields parsed as the CLI does.</summary>
    /// <exception cref="BadHttpRequestException">400: a File/Directory cell given as text that is not a stored checksum, or a column whose type holds files given at all.</exception>
    public Dictionary<string, object?> Changes(IFormCollection form, TableAccess access)
    {
        var columns = access.Rows.Columns;
        var changes = new Dictionary<string, object?>(StringComparer.Ordinal);
        var text = new List<string>();
        IReadOnlyList<StoredFile>? stored = null;
        foreach (var (name, value) in form)
        {
            if (name == "__RequestVerificationToken")
            {
                continue;
            }

            var column = columns.FirstOrDefault(c => c.Name == name && c.Role == ColumnRole.Input);
            if (column?.Type.Kind is ColumnTypeKind.File or ColumnTypeKind.Directory)
            {
                // The upload control and the chooser share the column's name; an empty upload posts "", which is not a choice.
                var given = value.Count(v => !string.IsNullOrEmpty(v));
                if (given > 1)
                {
                    throw new CellTypeException($"column '{name}' is given {given} times; give each column once.");
                }

                // The page's chooser sends "" for "keep the current file".
                if (value.FirstOrDefault(v => !string.IsNullOrEmpty(v)) is { } choice)
                {
                    stored ??= Stored(access);
                    var cls = column.Type.Kind.ToString();
                    var pick = stored.FirstOrDefault(s => s.Class == cls && s.Checksum == choice) ?? throw NoPath(name);
                    changes[name] = cls == "File" ? new FileInfo(pick.Location) : new DirectoryInfo(pick.Location);
                }
            }
            else if (column is not null && HoldsFiles(column.Type))
            {
                throw NoPath(name);
            }
            else
            {
                // One assignment per posted value: a field posted twice is refused as a duplicate, not joined with a comma.
                text.AddRange(value.Select(v => $"{name}={v}"));
            }
        }

        foreach (var (name, value) in CellAssignments.Parse(text))
        {
            // The library parses JSON text for arrays, records and Any: what it would read is what is checked here.
            if (value is CellText cell && Json(cell.Text) is { } node && NamesFile(node))
            {
                throw NoPath(name);
            }

            changes[name] = value;
        }

        foreach (var file in form.Files)
        {
            // A file input left empty still sends a part, with no name and no bytes.
            if (file.FileName.Length == 0 && file.Length == 0)
            {
                continue;
            }

            var column = columns.FirstOrDefault(c => c.Name == file.Name && c.Role == ColumnRole.Input);
            if (column?.Type.Kind is not ColumnTypeKind.File)
            {
                throw new BadHttpRequestException($"column '{file.Name}': not a File input column; only File inputs take uploads.");
            }

            if (file.Length > Limit)
            {
                // The request's own limits leave room for the other fields; the file itself gets exactly Limit.
                throw new BadHttpRequestException($"column '{file.Name}': the upload is over this server's limit of {Limit} bytes.", StatusCodes.Status413PayloadTooLarge);
            }

            if (changes.ContainsKey(file.Name))
            {
                throw new BadHttpRequestException($"column '{file.Name}': upload a file or choose a stored one, not both.");
            }

            using var content = file.OpenReadStream();
            changes[file.Name] = access.User.StoreFile(content, file.FileName);
        }

        return changes;
    }

    /// <summary>True when values of <paramref name="type"/> hold files or directories anywhere (File, Directory, or arrays/records of them).</summary>
    public static bool HoldsFiles(ColumnType type) => type.Kind switch
    {
        ColumnTypeKind.File or ColumnTypeKind.Directory => true,
        ColumnTypeKind.Array => HoldsFiles(type.Items!),
        ColumnTypeKind.Record => type.Fields.Any(f => HoldsFiles(f.Type)),
        _ => false,
    };

    // A File or Directory object inside an Any value would be staged into the job like a File cell.
    private static bool NamesFile(JsonNode node) => node switch
    {
        JsonObject o => (o["class"] is JsonValue v && v.TryGetValue<string>(out var c) && c is "File" or "Directory") || o.Any(p => p.Value is not null && NamesFile(p.Value)),
        JsonArray a => a.Any(e => e is not null && NamesFile(e)),
        _ => false,
    };

    private static JsonNode? Json(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static BadHttpRequestException NoPath(string column) => new(
        $"column '{column}': a web request cannot name a server path; upload the file, or choose one the table already holds in the project.");

    /// <summary>The request body limit of one endpoint (Kestrel's default is 30 MB for every request).</summary>
    private sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
