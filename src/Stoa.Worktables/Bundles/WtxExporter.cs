using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stoa.Worktables.Cwl;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;
using Stoa.Worktables.Values;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Bundles;

/// <summary>
/// Writes a table as a .wtx bundle holding everything needed to reproduce it: the workflow document as
/// <c>workflow.cwl</c> and every file it references at the same relative path (byte for byte, so the CWL runs
/// unchanged), every other file of an imported table's bundle, the input and output files of the rows
/// (<c>inputs/&lt;sha1&gt;/name</c>, <c>outputs/&lt;sha1&gt;/name</c>), <c>template.yml</c>, <c>table.txt</c>,
/// <c>tracking.txt</c>, <c>links.txt</c>, and <c>manifest-sha256.txt</c> (BagIt style, <c>SHA256  path</c>) over all
/// of them. Entries are sorted and time-stamped 2000-01-01, so the same table gives the same bytes.
/// </summary>
internal sealed class WtxExporter
{
    private static readonly DateTimeOffset Stamp = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly SortedDictionary<string, (string? File, byte[]? Bytes)> _entries = new(StringComparer.Ordinal);
    private readonly Worktable _table;
    private readonly string _docDir;

    private WtxExporter(Worktable table, string docDir)
    {
        _table = table;
        _docDir = docDir;
    }

    public static void Write(Worktable table, Stream stream)
    {
        var wf = table.Workflow;
        var doc = wf.DocumentPath
            ?? throw new WorkflowException($"table '{table.Name}': workflow '{wf.Name}' has no CWL document (it was bound with WorkflowDefinition.FromColumns); a .wtx bundle needs one.");
        // The bundle holds the files on disk: they must be the version the outputs came from.
        if (table.CheckFiles().PendingWorkflowChange is { } pending)
        {
            throw new WorkflowException($"table '{table.Name}': {pending}; rebind the table (Rebind) and recompute before exporting, so the bundle holds the workflow its outputs came from.")
            {
                Path = doc,
            };
        }

        var now = table.Workflow;

        var exporter = new WtxExporter(table, Path.GetDirectoryName(doc)!);
        exporter.Collect(doc, now.ReferencedFiles);
        exporter.Zip(stream);
    }

    private void Collect(string doc, IReadOnlyList<string> references)
    {
        _entries[WtxArchive.Workflow] = (doc, null);
        foreach (var r in references)
        {
            var rel = Inside(r) ?? throw new WorkflowException($"table '{_table.Name}': {doc} references '{r}', outside its directory; a bundle keeps the CWL byte for byte, so it can only hold files under {_docDir}.")
            {
                Path = doc,
            };
            AddFile(rel, r);
        }

        var own = _table.Project.BundleDirectoryOf(_table.Name);
        if (Path.GetFullPath(_docDir) == Path.GetFullPath(own))
        {
            // An imported table: keep every file it came with (data, scripts called by name) except what is regenerated.
            foreach (var f in Directory.EnumerateFiles(own, "*", SearchOption.AllDirectories))
            {
                var rel = Path.GetRelativePath(own, f).Replace('\\', '/');
                if (!WtxArchive.Generated.Contains(rel) && Path.GetFullPath(f) != Path.GetFullPath(doc))
                {
                    AddFile(rel, f);
                }
            }
        }

        var columns = _table.Columns;
        var rows = new List<IReadOnlyList<string?>>();
        var complete = new List<bool>();
        foreach (var row in _table.Rows())
        {
            var done = row.Status == RowStatus.Succeeded;
            complete.Add(done);
            rows.Add([.. columns.Select(c => c.Role == ColumnRole.Output && !done ? null : CellText(row[c.Name], c, row.RowId))]);
        }

        var wtxColumns = columns.Select(c => new WtxColumn(c.Name, c.Type.ToString(), c.Ucd, c.Unit)).ToList();
        _entries[WtxArchive.Table] = (null, Text(w => WtxTableFile.Write(w, wtxColumns, rows)));
        _entries[WtxArchive.Tracking] = (null, Text(w => WtxTrackingFile.Write(w, complete)));
        _entries[WtxArchive.Links] = (null, Text(w => WtxLinksFile.Write(w, _table.Project.Links.Where(l => l.Child == _table.Name))));
        _entries[WtxArchive.Template] = TemplateEntry(own);
        var manifest = new StringBuilder();
        foreach (var (name, (file, bytes)) in _entries.Where(e => !e.Key.EndsWith('/')))
        {
            var hash = file is not null ? WtxArchive.Sha256(file) : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes!));
            manifest.Append(hash).Append("  ").Append(name).Append('\n');
        }

        _entries[WtxArchive.Manifest] = (null, Encoding.UTF8.GetBytes(manifest.ToString()));
    }

    /// <summary>The bundle's original template.yml when the template has not changed since the import, else a generated one.</summary>
    private (string?, byte[]?) TemplateEntry(string own)
    {
        var original = Path.Combine(own, WtxArchive.Template);
        var current = _table.Template;
        var json = CanonicalJson.WriteCells(current.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal));
        if (File.Exists(original) && Path.GetFullPath(_docDir) == Path.GetFullPath(own))
        {
            try
            {
                var parsed = WtxTemplateFile.Parse(own, original, _table.Workflow.Inputs);
                var then = Worktable.NormalizeTemplate(_table.Project, _table.Name, _table.Workflow, parsed.ToDictionary(d => d.Column, d => (object?)d.Value, StringComparer.Ordinal), own);
                if (then == json)
                {
                    return (original, null);
                }
            }
            catch (WorktableException)
            {
                // The original no longer fits the workflow: write the current template instead.
            }
        }

        var rewritten = current.ToDictionary(p => p.Key, p => Rewrite(p.Value?.DeepClone(), -1), StringComparer.Ordinal);
        return (null, Text(w => WtxTemplateFile.Write(w, rewritten)));
    }

    private string? CellText(JsonNode? value, ColumnDefinition column, long rowId)
    {
        if (value is null)
        {
            return null;
        }

        return column.Type.Kind switch
        {
            ColumnTypeKind.File or ColumnTypeKind.Directory => BundlePath((JsonObject)value, rowId),
            ColumnTypeKind.String or ColumnTypeKind.Enum => value.GetValue<string>(),
            ColumnTypeKind.Array or ColumnTypeKind.Record or ColumnTypeKind.Any => CanonicalJson.Write(Rewrite(value.DeepClone(), rowId)),
            _ => value.ToJsonString(),
        };
    }

    /// <summary>Every File/Directory object inside a value, pointed at its path in the bundle.</summary>
    private JsonNode? Rewrite(JsonNode? node, long rowId)
    {
        switch (node)
        {
            case JsonObject o when (string?)o["class"] is "File" or "Directory":
                return new JsonObject { ["class"] = (string?)o["class"], ["location"] = BundlePath(o, rowId) };
            case JsonObject o:
                foreach (var k in o.Select(p => p.Key).ToList())
                {
                    o[k] = Rewrite(o[k]?.DeepClone(), rowId);
                }

                return o;
            case JsonArray a:
                return new JsonArray([.. a.Select(x => Rewrite(x?.DeepClone(), rowId))]);
            default:
                return node;
        }
    }

    /// <summary>Adds the file (or directory tree) of a cell and returns its path in the bundle.</summary>
    private string BundlePath(JsonObject cell, long rowId)
    {
        var location = (string?)cell["location"] ?? (string?)cell["path"] ?? "";
        if (location.StartsWith("file://", StringComparison.Ordinal))
        {
            location = new Uri(location).LocalPath;
        }

        var isDir = (string?)cell["class"] == "Directory";
        if (!(isDir ? Directory.Exists(location) : File.Exists(location)))
        {
            throw new WorktableException($"table '{_table.Name}', row {rowId}: {(isDir ? "directory" : "file")} '{location}' no longer exists, so the bundle cannot hold it.");
        }

        var rel = Inside(location);
        if (rel is null)
        {
            var checksum = ((string?)cell["checksum"])?.Replace("sha1$", "", StringComparison.Ordinal)
                ?? (isDir ? _table.Project.Hasher.HashDirectory(location) : _table.Project.Hasher.HashFile(location));
            var root = Path.GetFullPath(location).StartsWith(_table.Project.OutputDirectory, StringComparison.Ordinal) ? "outputs" : "inputs";
            var name = (string?)cell["basename"] ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(location));
            rel = $"{root}/{checksum}/{name}";
        }

        if (isDir)
        {
            foreach (var f in Directory.EnumerateFiles(location, "*", SearchOption.AllDirectories))
            {
                AddFile(rel + "/" + Path.GetRelativePath(location, f).Replace('\\', '/'), f);
            }

            _entries.TryAdd(rel + "/", (null, []));
        }
        else
        {
            AddFile(rel, location);
        }

        return rel;
    }

    /// <summary>The path relative to the workflow's directory, or null when the file lies outside it.</summary>
    private string? Inside(string path)
    {
        var rel = Path.GetRelativePath(_docDir, Path.GetFullPath(path));
        return rel == ".." || rel.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(rel) ? null : rel.Replace('\\', '/');
    }

    private void AddFile(string rel, string file)
    {
        if (WtxArchive.Generated.Contains(rel) || rel == WtxArchive.Workflow)
        {
            throw new WorktableException($"table '{_table.Name}': '{file}' would be stored as '{rel}', a name the bundle format reserves.");
        }

        _entries.TryAdd(rel, (file, null));
    }

    private static byte[] Text(Action<TextWriter> write)
    {
        using var w = new StringWriter { NewLine = "\n" };
        write(w);
        return new UTF8Encoding(false).GetBytes(w.ToString());
    }

    private void Zip(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var (name, (file, bytes)) in _entries)
        {
            var entry = zip.CreateEntry(name, name.EndsWith('/') ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
            entry.LastWriteTime = Stamp;
            const int regular = 0x8000, directory = 0x4000;
            var mode = file is not null && !OperatingSystem.IsWindows() ? (int)File.GetUnixFileMode(file) : name.EndsWith('/') ? 0x1ED : 0x1A4;
            entry.ExternalAttributes = (mode | (name.EndsWith('/') ? directory : regular)) << 16;
            if (name.EndsWith('/'))
            {
                continue;
            }

            using var to = entry.Open();
            if (file is not null)
            {
                using var from = File.OpenRead(file);
                from.CopyTo(to);
            }
            else
            {
                to.Write(bytes);
            }
        }
    }
}
