using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stoa.Provenance;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Provenance;

/// <summary>
/// The W3C PROV of a worktable: every row (a <c>prov:Collection</c> of its cells), the run that produced its outputs,
/// the workflow version that run followed (a <c>prov:Plan</c>, named by the kept copy of its document) and the acting
/// user, streamed through <see cref="WorktableProvenance"/> so a million-row table is never held in memory.
/// </summary>
public static class WorktableProvenanceExport
{
    /// <summary>Writes the provenance of every row of <paramref name="table"/> to <paramref name="stream"/>.</summary>
    /// <param name="table">The worktable.</param>
    /// <param name="format">The PROV serialisation.</param>
    /// <param name="stream">Where to write; left open.</param>
    /// <param name="options">The acting user, upstream rows and writer options; null for none.</param>
    /// <returns>How many PROV records were written.</returns>
    /// <exception cref="ProvValidationException">A row yields invalid PROV (e.g. a user ORCID iD that is not one).</exception>
    public static long Write(Worktable table, ProvFormat format, Stream stream, WorktableProvenanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(stream);
        return WorktableProvenance.Export(Rows(table, options), format, stream, options?.Writer);
    }

    /// <summary>What <see cref="Write"/> exports, row by row (streamed): to add the records to a document of your own
    /// with <see cref="WorktableProvenance.AddTo"/>, or to combine several tables in one export.</summary>
    /// <param name="table">The worktable.</param>
    /// <param name="options">The acting user and upstream rows; null for none.</param>
    public static IEnumerable<WorktableRowProvenance> Rows(Worktable table, WorktableProvenanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var row in table.Rows())
        {
            // The plan is the version the row's result came from (a row not run yet: the version bound now), named by
            // its kept copy, so an old row keeps naming the workflow it really ran after the files change.
            var version = row.WorkflowHash ?? table.Workflow.Hash;
            var produced = row.Status is RowStatus.Succeeded or RowStatus.Stale;
            yield return new WorktableRowProvenance
            {
                Table = table.Name,
                RowKey = RowKey(table, row),
                WorkflowSha1 = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(version))),
                WorkflowId = $"{table.Workflow.Name} version {version[..Math.Min(12, version.Length)]}",
                WorkflowLocation = table.KeptWorkflowDocument(version) is { } kept ? new Uri(kept).AbsoluteUri : null,
                RunId = row.RunId,
                // The images are the version's: a changed image id is a new version, so the row's version names them.
                ContainerImages = row.RunId is null ? [] : table.ContainerImages(version),
                RunStarted = row.StartedUtc is { } s ? new DateTimeOffset(s, TimeSpan.Zero) : null,
                RunEnded = row.FinishedUtc is { } f ? new DateTimeOffset(f, TimeSpan.Zero) : null,
                RunState = row.Status switch
                {
                    RowStatus.Succeeded or RowStatus.Stale => "success",
                    RowStatus.Failed => "permanentFail",
                    _ => null,
                },
                User = options?.User,
                UserOrcid = options?.UserOrcid,
                Inputs = [.. row.Inputs.Select(p => Cell(p.Key, p.Value, columns))],
                // Outputs of a row that failed or never ran are not written: they would be invented.
                Outputs = produced ? [.. row.Outputs.Select(p => Cell(p.Key, p.Value, columns))] : [],
                UpstreamRows = options?.UpstreamRows?.Invoke(row) ?? [],
            };
        }
    }

    /// <summary>
    /// The row's canonical key in PROV: its key values joined by <c>/</c> (a string value as it is, any other value as
    /// JSON; <c>/</c> and <c>\</c> inside a value escaped with <c>\</c>), or its row id when the table has no key. Unlike
    /// a display text it is never shortened, so two rows of a table never share it.
    /// </summary>
    /// <param name="table">The row's table.</param>
    /// <param name="row">The row.</param>
    public static string RowKey(Worktable table, WorktableRow row)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(row);
        return table.KeyColumns.Count == 0
            ? row.RowId.ToString(CultureInfo.InvariantCulture)
            : RowKey([.. table.KeyColumns.Select(k => row.Inputs.GetValueOrDefault(k))]);
    }

    /// <summary>The row's PROV identifier (<c>row:</c> table <c>/</c> escaped <see cref="RowKey(Worktable, WorktableRow)"/>), as the export writes it.</summary>
    /// <param name="table">The row's table.</param>
    /// <param name="row">The row.</param>
    public static QualifiedName RowId(Worktable table, WorktableRow row) => WorktableProvenance.RowId(table.Name, RowKey(table, row));

    /// <summary>Parses a PROV format name: <c>json</c>/<c>prov-json</c>, <c>provn</c>/<c>prov-n</c>,
    /// <c>turtle</c>/<c>ttl</c>/<c>prov-o</c>, <c>ntriples</c>/<c>nt</c>, <c>xml</c>/<c>prov-xml</c> (any case).</summary>
    /// <param name="text">The name.</param>
    /// <param name="format">The format, when the name is known.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParseFormat(string text, out ProvFormat format)
    {
        ArgumentNullException.ThrowIfNull(text);
        ProvFormat? parsed = text.ToLowerInvariant() switch
        {
            "json" or "prov-json" => ProvFormat.Json,
            "provn" or "prov-n" => ProvFormat.ProvN,
            "ttl" or "turtle" or "prov-o" => ProvFormat.Turtle,
            "nt" or "ntriples" => ProvFormat.NTriples,
            "xml" or "prov-xml" => ProvFormat.Xml,
            _ => null,
        };
        format = parsed ?? default;
        return parsed is not null;
    }

    /// <summary>The key text of key values; injective: the values can be read back from it.</summary>
    internal static string RowKey(IReadOnlyList<JsonNode?> key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Count; i++)
        {
            if (i > 0)
            {
                sb.Append('/');
            }

            foreach (var c in KeyPart(key[i]))
            {
                if (c is '/' or '\\')
                {
                    sb.Append('\\');
                }

                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>A string as it is, unless it reads as JSON (<c>42</c>, <c>null</c>, <c>"x"</c>): then, like every other value, as JSON.</summary>
    private static string KeyPart(JsonNode? value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() is var s && !ReadsAsJson(s)
            ? s
            : value?.ToJsonString() ?? "null";

    private static bool ReadsAsJson(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        try
        {
            _ = JsonNode.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static WorktableCell Cell(string name, JsonNode? value, Dictionary<string, ColumnDefinition> columns)
    {
        columns.TryGetValue(name, out var column);
        if (value is JsonObject o && (string?)o["class"] is "File" or "Directory")
        {
            var checksum = (string?)o["checksum"];
            var sha1 = checksum is not null && checksum.StartsWith("sha1$", StringComparison.Ordinal) ? checksum[5..] : null;
            return new WorktableCell(name, null, sha1, column?.Unit, column?.Ucd);
        }

        ProvValue? v = value switch
        {
            null => null,
            JsonValue j when j.GetValueKind() == JsonValueKind.String => j.GetValue<string>(),
            JsonValue j when j.GetValueKind() is JsonValueKind.True or JsonValueKind.False => j.GetValue<bool>(),
            // A double column's 1.0 is stored as 1: its type, not the text, says it is xsd:double.
            JsonValue j when j.GetValueKind() == JsonValueKind.Number && column?.Type.Kind is not (ColumnTypeKind.Double or ColumnTypeKind.Float) && j.TryGetValue<long>(out var l) => l,
            JsonValue j when j.GetValueKind() == JsonValueKind.Number => j.GetValue<double>(),
            _ => value.ToJsonString(),
        };
        return new WorktableCell(name, v, null, column?.Unit, column?.Ucd);
    }
}
