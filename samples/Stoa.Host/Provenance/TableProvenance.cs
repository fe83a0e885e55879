using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stoa.Provenance;
using Stoa.Worktables;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;

namespace Stoa.Host.Provenance;

/// <summary>
/// Feeds a worktable's rows to <see cref="WorktableProvenance.Export"/>: the glue between Stoa.Worktables and
/// Stoa.Provenance (neither references the other). Requested as a library API in notes/worktables-requests.md.
/// </summary>
internal static class TableProvenance
{
    /// <summary>Writes one PROV document for every row of <paramref name="table"/>.</summary>
    /// <param name="table">The worktable.</param>
    /// <param name="format">The PROV serialisation.</param>
    /// <param name="stream">Where to write.</param>
    /// <param name="user">The agent recorded for the runs.</param>
    /// <param name="upstream">For a row id, the rows of other tables it was derived from (table name, row key).</param>
    /// <returns>The number of rows written.</returns>
    /// <exception cref="WorkflowException">The table's workflow has no document on disk to identify it by.</exception>
    public static long Export(Worktable table, ProvFormat format, Stream stream, string user, Func<long, IReadOnlyList<WorktableRowReference>>? upstream = null)
    {
        if (table.Workflow.DocumentPath is null)
        {
            throw new WorkflowException($"table '{table.Name}': its workflow has no document on disk to identify it in PROV.");
        }

        var columns = table.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        return WorktableProvenance.Export(table.Rows().Select(row => new WorktableRowProvenance
        {
            Table = table.Name,
            RowKey = RowKey(table, row),
            // The plan is the version the row's result came from (a row not run yet: the version bound now),
            // named by its kept copy, so an old row keeps naming the workflow it really ran after the files change.
            WorkflowSha1 = VersionSha1(row.WorkflowHash ?? table.Workflow.Hash),
            WorkflowId = $"{table.Workflow.Name} version {(row.WorkflowHash ?? table.Workflow.Hash)[..12]}",
            WorkflowLocation = table.KeptWorkflowDocument(row.WorkflowHash ?? table.Workflow.Hash) is { } kept ? new Uri(kept).AbsoluteUri : null,
            RunId = row.RunId,
            RunStarted = row.StartedUtc is { } s ? new DateTimeOffset(s, TimeSpan.Zero) : null,
            RunEnded = row.FinishedUtc is { } f ? new DateTimeOffset(f, TimeSpan.Zero) : null,
            RunState = row.Status switch
            {
                RowStatus.Succeeded or RowStatus.Stale => "success",
                RowStatus.Failed => "permanentFail",
                _ => null,
            },
            User = user,
            Inputs = [.. row.Inputs.Select(p => Cell(p.Key, p.Value, columns))],
            Outputs = row.Status is RowStatus.Succeeded or RowStatus.Stale ? [.. row.Outputs.Select(p => Cell(p.Key, p.Value, columns))] : [],
            UpstreamRows = upstream?.Invoke(row.RowId) ?? [],
        }), format, stream);
    }

    /// <summary>The row's key values joined by '/', or its row id when the table has no key.</summary>
    public static string RowKey(Worktable table, WorktableRow row) => table.KeyColumns.Count == 0
        ? row.RowId.ToString(CultureInfo.InvariantCulture)
        : string.Join('/', table.KeyColumns.Select(k => Commands.Table.TableOutput.Cell(row[k])));

    /// <summary>Parses a PROV format name as the command line spells it.</summary>
    public static bool TryParseFormat(string text, out ProvFormat format)
    {
        format = text.ToLowerInvariant() switch
        {
            "json" or "prov-json" => ProvFormat.Json,
            "provn" or "prov-n" => ProvFormat.ProvN,
            "ttl" or "turtle" or "prov-o" => ProvFormat.Turtle,
            "nt" or "ntriples" => ProvFormat.NTriples,
            "xml" or "prov-xml" => ProvFormat.Xml,
            _ => (ProvFormat)(-1),
        };
        return (int)format >= 0;
    }

    /// <summary>A SHA-1 identifier of a workflow version (Stoa.Worktables names versions by a SHA-256 of their files' digests).</summary>
    private static string VersionSha1(string workflowHash) => Convert.ToHexStringLower(SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(workflowHash)));

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
            JsonValue j when j.GetValueKind() == JsonValueKind.Number && j.TryGetValue<long>(out var l) => l,
            JsonValue j when j.GetValueKind() == JsonValueKind.Number => j.GetValue<double>(),
            _ => value.ToJsonString(),
        };
        return new WorktableCell(name, v, null, column?.Unit, column?.Ucd);
    }
}
