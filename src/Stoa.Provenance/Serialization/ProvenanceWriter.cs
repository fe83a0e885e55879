namespace Stoa.Provenance;

/// <summary>The entry point: writes a <see cref="ProvDocument"/>, or a stream of records, in any <see cref="ProvFormat"/>.</summary>
public static class ProvenanceWriter
{
    /// <summary>Writes a whole document. Elements repeated with the same identifier are merged (their attributes joined).</summary>
    /// <param name="document">The document; it is validated first.</param>
    /// <param name="format">The serialisation.</param>
    /// <param name="stream">Where to write; left open.</param>
    /// <param name="options">Options, or null for <see cref="ProvWriterOptions.Default"/>.</param>
    /// <exception cref="ProvValidationException">The document breaks a rule listed in <see cref="ProvValidator"/>.</exception>
    public static void Write(ProvDocument document, ProvFormat format, Stream stream, ProvWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        ProvValidator.ThrowIfInvalid(document);
        using var writer = Open(stream, format, document.Namespaces, options);
        foreach (var record in ProvMerge.MergeElements(document.Records))
        {
            writer.Write(record);
        }

        foreach (var bundle in document.Bundles)
        {
            writer.WriteBundle(bundle);
        }

        writer.Complete();
    }

    /// <summary>Writes a whole document to a file (created or overwritten).</summary>
    public static void WriteFile(ProvDocument document, ProvFormat format, string path, ProvWriterOptions? options = null)
    {
        using var file = File.Create(path);
        Write(document, format, file, options);
    }

    /// <summary>
    /// Starts a streamed export: records are written as they come and never kept, so a 100 000-row export does not
    /// hold its graph (PROV-JSON remembers a 64-bit hash, about 20 bytes, per given identifier to refuse repeats).
    /// </summary>
    /// <param name="stream">Where to write; left open.</param>
    /// <param name="format">The serialisation.</param>
    /// <param name="namespaces">The document's namespaces; every record must use only these (and prov, xsd).</param>
    /// <param name="options">Options, or null for defaults.</param>
    /// <returns>The writer; call <see cref="ProvStreamWriter.Complete"/> then dispose it.</returns>
    public static ProvStreamWriter Open(Stream stream, ProvFormat format, IReadOnlyList<ProvNamespace> namespaces,
        ProvWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(namespaces);
        return new ProvStreamWriter(stream, format, namespaces, options ?? ProvWriterOptions.Default);
    }

    /// <summary>The usual file extension of a format, with the dot: <c>.json</c>, <c>.provn</c>, <c>.ttl</c>, <c>.nt</c>, <c>.xml</c>.</summary>
    public static string Extension(ProvFormat format) => format switch
    {
        ProvFormat.Json => ".json",
        ProvFormat.ProvN => ".provn",
        ProvFormat.Turtle => ".ttl",
        ProvFormat.NTriples => ".nt",
        ProvFormat.Xml => ".xml",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}

/// <summary>A streamed PROV export, made by <see cref="ProvenanceWriter.Open"/>. Not thread-safe.</summary>
public sealed class ProvStreamWriter : IDisposable
{
    private readonly ProvSink _sink;
    private readonly NamespaceScope _scope;
    private readonly bool _validate;
    private readonly List<ProvValidationIssue> _issues = [];
    private bool _completed;

    internal ProvStreamWriter(Stream stream, ProvFormat format, IReadOnlyList<ProvNamespace> namespaces, ProvWriterOptions options)
    {
        _sink = ProvSink.Create(format, stream, options);
        _scope = new NamespaceScope(namespaces, null);
        _validate = options.Validate;
        _sink.StartDocument(namespaces);
    }

    /// <summary>How many records were written so far (bundle contents included).</summary>
    public long RecordCount { get; private set; }

    /// <summary>Writes one record.</summary>
    /// <exception cref="ProvValidationException">The record uses an undeclared prefix or breaks another validation rule.</exception>
    public void Write(ProvRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ObjectDisposedException.ThrowIf(_completed, this);
        WriteChecked(record, _scope);
    }

    /// <summary>Writes a (small, in-memory) bundle with its own namespaces.</summary>
    public void WriteBundle(ProvBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_validate && !_scope.IsDeclared(bundle.Id.Namespace))
        {
            throw new ProvValidationException([new($"bundle({bundle.Id})", $"prefix '{bundle.Id.Namespace.Prefix}' is not declared")]);
        }

        var inner = new NamespaceScope(bundle.Namespaces, _scope);
        _sink.StartBundle(bundle.Id, bundle.Namespaces);
        foreach (var record in ProvMerge.MergeElements(bundle.Records))
        {
            WriteChecked(record, inner);
        }

        _sink.EndBundle();
    }

    /// <summary>Finishes the document (closing elements, joining PROV-JSON sections) and flushes.</summary>
    public void Complete()
    {
        if (!_completed)
        {
            _completed = true;
            _sink.EndDocument();
        }
    }

    /// <summary>Releases buffers and temporary files; does not close the stream. Call <see cref="Complete"/> first.</summary>
    public void Dispose() => _sink.Dispose();

    private void WriteChecked(ProvRecord record, NamespaceScope scope)
    {
        if (_validate)
        {
            _issues.Clear();
            ProvValidator.Check(record, scope, _issues);
            if (_issues.Count > 0)
            {
                throw new ProvValidationException([.. _issues]);
            }
        }

        _sink.Write(record);
        RecordCount++;
    }
}
