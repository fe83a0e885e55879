using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Stoa.Provenance;

/// <summary>
/// PROV-JSON writer. PROV-JSON groups records by kind (<c>"entity": {…}, "used": {…}</c>) while callers produce them
/// interleaved, so each kind's members go to their own section buffer, which moves to a temporary file once it passes
/// <see cref="ProvWriterOptions.JsonSpillThresholdBytes"/>; the sections are concatenated at the end.
/// </summary>
internal sealed class ProvJsonSink(Stream output, ProvWriterOptions options) : ProvSink
{
    private static readonly string[] ElementKeys = ["entity", "activity", "agent"];
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    // Files, not HTML: keep '+', '<', '&' and non-ASCII readable instead of \uXXXX escapes.
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Stream _output = output;
    private readonly ArrayBufferWriter<byte> _scratch = new(1024);
    private Utf8JsonWriter? _json;
    private Level? _document;
    private Level? _bundle;
    private long _anonymous;

    private Level Current => _bundle ?? _document ?? throw new InvalidOperationException("StartDocument was not called.");

    public override void StartDocument(IReadOnlyList<ProvNamespace> namespaces) =>
        _document = new Level(namespaces, options.JsonSpillThresholdBytes);

    public override void StartBundle(QualifiedName id, IReadOnlyList<ProvNamespace> namespaces)
    {
        if (_bundle is not null)
        {
            throw new InvalidOperationException("Bundles do not nest.");
        }

        _bundle = new Level(namespaces, options.JsonSpillThresholdBytes) { Id = id };
    }

    public override void EndBundle()
    {
        var bundle = _bundle ?? throw new InvalidOperationException("No bundle is open.");
        _bundle = null;

        // A bundle's content is one member of the document's "bundle" section.
        var section = _document!.Section("bundle");
        var key = JsonKey(bundle.Id!.Value.ToString());
        using var buffer = new MemoryStream();
        bundle.WriteTo(buffer, indent: "    ");
        section.Append(key, buffer.GetBuffer().AsSpan(0, (int)buffer.Length), "  ");
    }

    public override void Write(ProvRecord record)
    {
        var level = Current;
        string sectionName;
        string id;
        if (record is ProvRelation relation)
        {
            sectionName = relation.Shape.Keyword;
            id = relation.Id?.ToString() ?? "_:r" + (++_anonymous).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            sectionName = record switch
            {
                ProvEntity => ElementKeys[0],
                ProvActivity => ElementKeys[1],
                _ => ElementKeys[2],
            };
            id = record.Id!.Value.ToString();
        }

        if (!level.SeenIds.Add(Fnv64(sectionName, id)))
        {
            // JSON objects cannot repeat a key, and merging would need the whole graph in memory.
            throw new ProvValidationException([new(ProvValidator.Describe(record),
                $"a second {sectionName} with identifier {id}: a streamed PROV-JSON export writes each identifier once")]);
        }

        _scratch.ResetWrittenCount();
        _json ??= new Utf8JsonWriter(_scratch, JsonOptions);
        _json.Reset(_scratch);
        WriteBody(_json, record);
        _json.Flush();
        level.Section(sectionName).Append(JsonKey(id), _scratch.WrittenSpan, level == _document ? "    " : "      ");
    }

    public override void EndDocument()
    {
        if (_bundle is not null)
        {
            throw new InvalidOperationException("A bundle is still open.");
        }

        _document!.WriteTo(_output, indent: "  ");
        _output.Write(NewLine);
        _output.Flush();
    }

    public override void Dispose()
    {
        _json?.Dispose();
        _document?.Dispose();
        _bundle?.Dispose();
    }

    /// <summary>64-bit FNV-1a of kind and id: 8 bytes per record remembered instead of the identifier itself.</summary>
    private static ulong Fnv64(string kind, string id)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in kind)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash = (hash ^ ' ') * 1099511628211UL;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    private static byte[] JsonKey(string key) => JsonSerializer.SerializeToUtf8Bytes(key, KeyOptions);

    private static readonly JsonSerializerOptions KeyOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static void WriteBody(Utf8JsonWriter w, ProvRecord record)
    {
        w.WriteStartObject();
        if (record is ProvRelation relation)
        {
            var shape = relation.Shape;
            for (var i = 0; i < shape.Terms.Length; i++)
            {
                if (relation.Terms[i] is { } term)
                {
                    w.WriteString("prov:" + shape.Terms[i].Name, term.ToString());
                }
            }

            if (relation.Time is { } time)
            {
                w.WriteString("prov:time", ProvTime.Format(time));
            }
        }
        else if (record is ProvActivity activity)
        {
            if (activity.StartTime is { } s)
            {
                w.WriteString("prov:startTime", ProvTime.Format(s));
            }

            if (activity.EndTime is { } e)
            {
                w.WriteString("prov:endTime", ProvTime.Format(e));
            }
        }

        foreach (var (name, values) in GroupAttributes(record.Attributes))
        {
            w.WritePropertyName(name.ToString());
            if (values.Count == 1)
            {
                WriteValue(w, values[0]);
            }
            else
            {
                w.WriteStartArray();
                foreach (var v in values)
                {
                    WriteValue(w, v);
                }

                w.WriteEndArray();
            }
        }

        w.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter w, ProvValue value)
    {
        if (value.IsPlainString)
        {
            w.WriteStringValue(value.Lexical);
            return;
        }

        w.WriteStartObject();
        w.WriteString("$", value.Lexical);
        if (value.Language is { } lang)
        {
            w.WriteString("lang", lang);
        }
        else
        {
            // PROV-JSON §2.3: a qualified name value is typed prov:QUALIFIED_NAME.
            w.WriteString("type", value.Name is not null ? "prov:QUALIFIED_NAME" : value.Datatype!.Value.ToString());
        }

        w.WriteEndObject();
    }

    /// <summary>The document or one bundle: its prefixes and one section per record kind.</summary>
    private sealed class Level(IReadOnlyList<ProvNamespace> namespaces, int spillThreshold) : IDisposable
    {
        private readonly Dictionary<string, Section> _sections = new(StringComparer.Ordinal);

        public QualifiedName? Id { get; init; }

        public HashSet<ulong> SeenIds { get; } = [];

        public Section Section(string name)
        {
            if (!_sections.TryGetValue(name, out var section))
            {
                section = new Section(spillThreshold);
                _sections.Add(name, section);
            }

            return section;
        }

        public void WriteTo(Stream output, string indent)
        {
            output.Write("{"u8);
            var first = true;
            if (namespaces.Count > 0)
            {
                using var prefixes = new MemoryStream();
                using (var w = new Utf8JsonWriter(prefixes, JsonOptions))
                {
                    w.WriteStartObject();
                    foreach (var ns in namespaces)
                    {
                        w.WriteString(ns.Prefix, ns.Uri);
                    }

                    w.WriteEndObject();
                }

                WriteMember(output, "prefix", indent, ref first);
                output.Write(prefixes.GetBuffer().AsSpan(0, (int)prefixes.Length));
            }

            // Fixed order (elements, relations in PROV-DM order, bundles) so output does not depend on write order.
            IEnumerable<string> order = ElementKeys.Concat(RelationShape.All.Select(s => s.Keyword)).Append("bundle");
            foreach (var name in order)
            {
                if (!_sections.TryGetValue(name, out var section))
                {
                    continue;
                }

                WriteMember(output, name, indent, ref first);
                output.Write("{"u8);
                section.CopyTo(output);
                output.Write(Encoding.UTF8.GetBytes("\n" + indent + "}"));
            }

            output.Write(Encoding.UTF8.GetBytes("\n" + indent[..^2] + "}"));
        }

        private static void WriteMember(Stream output, string name, string indent, ref bool first)
        {
            output.Write(Encoding.UTF8.GetBytes((first ? "\n" : ",\n") + indent + "\"" + name + "\": "));
            first = false;
        }

        public void Dispose()
        {
            foreach (var s in _sections.Values)
            {
                s.Dispose();
            }
        }
    }

    /// <summary>The comma-separated members of one kind: in memory, then in a temporary file past the threshold.</summary>
    private sealed class Section(int spillThreshold) : IDisposable
    {
        private Stream _store = new MemoryStream();
        private bool _any;

        public void Append(byte[] key, ReadOnlySpan<byte> body, string indent)
        {
            _store.Write(Encoding.UTF8.GetBytes((_any ? ",\n" : "\n") + indent));
            _store.Write(key);
            _store.Write(": "u8);
            _store.Write(body);
            _any = true;
            if (_store is MemoryStream memory && memory.Length > spillThreshold)
            {
                var path = Path.Combine(Path.GetTempPath(), "stoa-prov-" + Guid.NewGuid().ToString("N") + ".part");
                var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
                    FileOptions.DeleteOnClose | FileOptions.SequentialScan);
                memory.Position = 0;
                memory.CopyTo(file);
                _store = file;
            }
        }

        public void CopyTo(Stream output)
        {
            _store.Position = 0;
            _store.CopyTo(output);
        }

        public void Dispose() => _store.Dispose();
    }
}
