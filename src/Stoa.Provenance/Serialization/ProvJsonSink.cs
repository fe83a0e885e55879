using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Stoa.Provenance;

/// <summary>
/// PROV-JSON writer. PROV-JSON groups records by kind (<c>"entity": {…}, "used": {…}</c>) while callers produce them
/// interleaved, so each kind's members go to their own section buffer (64 KiB pooled chunks, never the large-object
/// heap), which moves to a temporary file once it passes <see cref="ProvWriterOptions.JsonSpillThresholdBytes"/>; the
/// sections are concatenated at the end. Records are formatted without intermediate strings.
/// </summary>
internal sealed class ProvJsonSink(Stream output, ProvWriterOptions options) : ProvSink
{
    private static readonly string[] ElementKeys = ["entity", "activity", "agent"];

    // Files, not HTML: keep '+', '<', '&' and non-ASCII readable instead of \uXXXX escapes.
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonEncodedText[][] TermNames =
        [.. RelationShape.All.Select(s => s.Terms.Select(t => JsonEncodedText.Encode("prov:" + t.Name)).ToArray())];

    private static readonly JsonEncodedText TimeName = JsonEncodedText.Encode("prov:time");
    private static readonly JsonEncodedText StartTimeName = JsonEncodedText.Encode("prov:startTime");
    private static readonly JsonEncodedText EndTimeName = JsonEncodedText.Encode("prov:endTime");
    private static readonly JsonEncodedText LexicalName = JsonEncodedText.Encode("$");
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText LangName = JsonEncodedText.Encode("lang");
    private static readonly byte[] DocumentIndent = "\n    "u8.ToArray();
    private static readonly byte[] BundleIndent = "\n      "u8.ToArray();

    private readonly Stream _output = output;
    private readonly ArrayBufferWriter<byte> _scratch = new(1024);
    private char[] _chars = new char[256];
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
        using var buffer = new MemoryStream();
        bundle.WriteTo(buffer, indent: "    ");
        using var key = new MemoryStream();
        using (var w = new Utf8JsonWriter(key, JsonOptions))
        {
            w.WriteStringValue(bundle.Id!.Value.ToString());
        }

        var section = _document!.Section("bundle");
        section.Separate("\n  "u8);
        section.Write(key.GetBuffer().AsSpan(0, (int)key.Length));
        section.Write(": "u8);
        section.Write(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        bundle.Dispose();
    }

    public override void Write(ProvRecord record)
    {
        var level = Current;
        string sectionName;
        ReadOnlySpan<char> id;
        if (record is ProvRelation relation)
        {
            sectionName = relation.Shape.Keyword;
            id = relation.Id is { } rid ? QName(rid) : Anonymous(++_anonymous);
        }
        else
        {
            sectionName = record switch
            {
                ProvEntity => ElementKeys[0],
                ProvActivity => ElementKeys[1],
                _ => ElementKeys[2],
            };
            id = QName(record.Id!.Value);
        }

        // Generated "_:rN" keys are unique by construction; only given identifiers can repeat.
        if (record.Id is not null && !level.SeenIds.Add(Fnv64(sectionName, id)))
        {
            // JSON objects cannot repeat a key, and merging would need the whole graph in memory.
            throw new ProvValidationException([new(ProvValidator.Describe(record),
                $"a second {sectionName} with identifier {id}: a streamed PROV-JSON export writes each identifier once")]);
        }

        // Written as {"id":{…}} by Utf8JsonWriter, then copied without the outer braces as one member of its section.
        _scratch.ResetWrittenCount();
        _json ??= new Utf8JsonWriter(_scratch, JsonOptions);
        _json.Reset(_scratch);
        _json.WriteStartObject();
        _json.WritePropertyName(id);
        WriteBody(_json, record);
        _json.WriteEndObject();
        _json.Flush();
        var section = level.Section(sectionName);
        section.Separate(level == _document ? DocumentIndent : BundleIndent);
        section.Write(_scratch.WrittenSpan[1..^1]);
    }

    public override void EndDocument()
    {
        if (_bundle is not null)
        {
            throw new InvalidOperationException("A bundle is still open.");
        }

        _document!.WriteTo(_output, indent: "  ");
        _output.Write("\n"u8);
        _output.Flush();
    }

    public override void Dispose()
    {
        _json?.Dispose();
        _document?.Dispose();
        _bundle?.Dispose();
    }

    /// <summary>64-bit FNV-1a of kind and id: a hash per record remembered instead of the identifier itself.</summary>
    private static ulong Fnv64(string kind, ReadOnlySpan<char> id)
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

    private void WriteBody(Utf8JsonWriter w, ProvRecord record)
    {
        w.WriteStartObject();
        Span<char> time = stackalloc char[48];
        if (record is ProvRelation relation)
        {
            var names = TermNames[(int)relation.Kind];
            for (var i = 0; i < names.Length; i++)
            {
                if (relation.Terms[i] is { } term)
                {
                    w.WriteString(names[i], QName(term));
                }
            }

            if (relation.Time is { } t)
            {
                w.WriteString(TimeName, time[..ProvTime.Format(t, time)]);
            }
        }
        else if (record is ProvActivity activity)
        {
            if (activity.StartTime is { } s)
            {
                w.WriteString(StartTimeName, time[..ProvTime.Format(s, time)]);
            }

            if (activity.EndTime is { } e)
            {
                w.WriteString(EndTimeName, time[..ProvTime.Format(e, time)]);
            }
        }

        var attributes = record.Attributes;
        if (!HasRepeatedName(attributes))
        {
            for (var i = 0; i < attributes.Count; i++)
            {
                w.WritePropertyName(QName(attributes[i].Name));
                WriteValue(w, attributes[i].Value);
            }
        }
        else
        {
            foreach (var (name, values) in GroupAttributes(attributes))
            {
                w.WritePropertyName(QName(name));
                if (values.Count == 1)
                {
                    WriteValue(w, values[0]);
                    continue;
                }

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

    private static bool HasRepeatedName(IReadOnlyList<ProvAttribute> attributes)
    {
        for (var i = 1; i < attributes.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (attributes[i].Name.LocalPart == attributes[j].Name.LocalPart
                    && attributes[i].Name.Namespace.Uri == attributes[j].Name.Namespace.Uri)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void WriteValue(Utf8JsonWriter w, ProvValue value)
    {
        if (value.IsPlainString)
        {
            w.WriteStringValue(value.Lexical);
            return;
        }

        w.WriteStartObject();
        w.WriteString(LexicalName, value.Lexical);
        if (value.Language is { } lang)
        {
            w.WriteString(LangName, lang);
        }
        else if (value.Name is not null)
        {
            // PROV-JSON §2.3: a qualified name value is typed prov:QUALIFIED_NAME.
            w.WriteString(TypeName, "prov:QUALIFIED_NAME");
        }
        else
        {
            w.WriteString(TypeName, QName(value.Datatype!.Value));
        }

        w.WriteEndObject();
    }

    /// <summary>The <c>prefix:local</c> form in a reused buffer; valid until the next call.</summary>
    private ReadOnlySpan<char> QName(QualifiedName name)
    {
        var length = name.Namespace.Prefix.Length + 1 + name.LocalPart.Length;
        if (_chars.Length < length)
        {
            _chars = new char[Math.Max(length, _chars.Length * 2)];
        }

        name.Namespace.Prefix.CopyTo(_chars);
        _chars[name.Namespace.Prefix.Length] = ':';
        name.LocalPart.CopyTo(_chars.AsSpan(name.Namespace.Prefix.Length + 1));
        return _chars.AsSpan(0, length);
    }

    private ReadOnlySpan<char> Anonymous(long n)
    {
        "_:r".CopyTo(_chars);
        n.TryFormat(_chars.AsSpan(3), out var written, default, CultureInfo.InvariantCulture);
        return _chars.AsSpan(0, 3 + written);
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

    /// <summary>The comma-separated members of one kind: pooled 64 KiB chunks in memory, then a temporary file past the threshold.</summary>
    private sealed class Section(int spillThreshold) : IDisposable
    {
        private const int ChunkSize = 1 << 16;

        private readonly List<byte[]> _chunks = [];
        private int _used = ChunkSize;
        private long _inMemory;
        private FileStream? _file;
        private bool _any;

        /// <summary>Starts a member: a comma after the previous one, then the newline and indentation.</summary>
        public void Separate(ReadOnlySpan<byte> newlineAndIndent)
        {
            if (_any)
            {
                Write(","u8);
            }

            _any = true;
            Write(newlineAndIndent);
        }

        public void Write(ReadOnlySpan<byte> data)
        {
            if (_file is not null)
            {
                _file.Write(data);
                return;
            }

            while (!data.IsEmpty)
            {
                if (_used == ChunkSize)
                {
                    _chunks.Add(ArrayPool<byte>.Shared.Rent(ChunkSize));
                    _used = 0;
                }

                var n = Math.Min(ChunkSize - _used, data.Length);
                data[..n].CopyTo(_chunks[^1].AsSpan(_used));
                _used += n;
                _inMemory += n;
                data = data[n..];
            }

            if (_inMemory > spillThreshold)
            {
                Spill();
            }
        }

        public void CopyTo(Stream output)
        {
            if (_file is not null)
            {
                _file.Flush();
                _file.Position = 0;
                _file.CopyTo(output);
                return;
            }

            for (var i = 0; i < _chunks.Count; i++)
            {
                output.Write(_chunks[i], 0, i == _chunks.Count - 1 ? _used : ChunkSize);
            }
        }

        public void Dispose()
        {
            Release();
            _file?.Dispose();
        }

        private void Spill()
        {
            var path = Path.Combine(Path.GetTempPath(), "stoa-prov-" + Guid.NewGuid().ToString("N") + ".part");
            var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, ChunkSize,
                FileOptions.DeleteOnClose | FileOptions.SequentialScan);
            CopyTo(file);
            Release();
            _file = file;
        }

        private void Release()
        {
            foreach (var chunk in _chunks)
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            _chunks.Clear();
            _used = ChunkSize;
        }
    }
}
