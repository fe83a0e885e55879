using System.Text.Json;
using System.Text.Json.Nodes;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Export;
using Stoa.Worktables.Import;

namespace Stoa.Worktables;

public sealed partial class Worktable
{
    /// <summary>
    /// Adds the rows of a CSV text (header line of input column names, then one row per line), all or none.
    /// Cells are parsed by column type; an empty cell takes the template value or stays empty; arrays and records
    /// are written as JSON; relative File paths resolve against <paramref name="baseDirectory"/>.
    /// </summary>
    /// <param name="csv">The CSV text.</param>
    /// <param name="baseDirectory">Directory for relative paths. Default: the current directory.</param>
    /// <returns>The new row ids.</returns>
    /// <exception cref="CellException">A bad cell; <see cref="CellException.SourceRow"/> is its line number in the file.</exception>
    public IReadOnlyList<long> ImportCsv(TextReader csv, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var baseDir = Path.GetFullPath(baseDirectory ?? Environment.CurrentDirectory);
        var reader = new CsvRecordReader(csv);
        var header = CsvHeader(reader);

        // The line each record started on, in insertion order, so a duplicate key found by the store names the
        // file's own line (blank lines and quoted line breaks make it differ from the record's position).
        var lines = new List<int>();
        return Insert(Records(reader, header.Fields), "CSV line", i => lines[i]);

        IEnumerable<Dictionary<string, JsonNode?>> Records(CsvRecordReader r, List<string> names)
        {
            while (NextLine(r, names.Count) is { } record)
            {
                lines.Add(record.Line);
                var where = RowReference.New(record.Line, "CSV line");

                yield return Cells(names.Zip(record.Fields, KeyValuePair.Create), where, fromText: true, baseDir);
            }
        }
    }

    /// <summary>
    /// Adds the rows of a JSON array of objects (one CWL job object per row), all or none. Values must have
    /// their column's JSON type (no number in quotes); File values are paths or CWL File objects. A table document
    /// as <see cref="ExportJson"/> writes it is read too: each row's <c>inputs</c> is its job
    /// object, everything else (outputs, status, hashes) is ignored, so the rows start Pending.
    /// </summary>
    /// <param name="json">UTF-8 JSON.</param>
    /// <param name="baseDirectory">Directory for relative paths. Default: the current directory.</param>
    /// <returns>The new row ids.</returns>
    /// <exception cref="CellException">Not an array of objects, or a bad cell; <see cref="CellException.SourceRow"/> is the 1-based element.</exception>
    public IReadOnlyList<long> ImportJson(Stream json, string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        var baseDir = Path.GetFullPath(baseDirectory ?? Environment.CurrentDirectory);
        JsonNode? doc;
        try
        {
            doc = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new CellException(new RowReference(null, null, "JSON"), null, null, $"not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }

        // The library's own table document (ExportJson) is read too: its rows' inputs are the job objects.
        var array = doc switch
        {
            JsonArray a => a,
            JsonObject { } o when o["rows"] is JsonArray rows => new JsonArray([.. rows.Select(r => (r as JsonObject)?["inputs"]?.DeepClone() ?? r?.DeepClone())]),
            _ => throw new CellException(new RowReference(null, null, "JSON"), null, null, "the document must be an array of row objects, or a table document with \"rows\"."),
        };

        return Insert(array.Select((element, i) =>
        {
            var where = RowReference.New(i + 1, "JSON element");
            return element is JsonObject o
                ? Cells(o.Select(p => KeyValuePair.Create(p.Key, (object?)p.Value)), where, fromText: false, baseDir)
                : throw new CellException(where, null, element?.ToJsonString(), "a row must be a JSON object.");
        }), "JSON element");
    }
}
