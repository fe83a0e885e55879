using System.Reflection;

namespace Stoa.Provenance;

/// <summary>
/// Exports the provenance of worktable rows, streamed: each row's cells, the run that produced its outputs (a
/// <c>wfprov:WorkflowRun</c> associated with the workflow version as <c>prov:Plan</c>), the acting user, and
/// <c>prov:wasDerivedFrom</c> links to upstream rows, so a chain of linked tables traces back from any output cell.
/// </summary>
public static class WorktableProvenance
{
    /// <summary><c>row</c>: worktable rows and their cells, <c>urn:stoa:row:</c> + table/key.</summary>
    public static ProvNamespace Rows { get; } = new("row", "urn:stoa:row:");

    /// <summary><c>run</c>: workflow runs by their id, <c>urn:stoa:run:</c>.</summary>
    public static ProvNamespace Runs { get; } = new("run", "urn:stoa:run:");

    /// <summary><c>workflow</c>: workflow versions by the SHA-1 of their packed document, and their ports (<c>sha1#port</c>).</summary>
    public static ProvNamespace Workflows { get; } = new("workflow", "urn:stoa:workflow:sha1:");

    /// <summary><c>user</c>: users without an ORCID iD, by name.</summary>
    public static ProvNamespace Users { get; } = new("user", "urn:stoa:user:");

    /// <summary><c>image</c>: container images by their id (the SHA-256 of the image's configuration), <c>urn:stoa:image:sha256:</c>.</summary>
    public static ProvNamespace Images { get; } = new("image", "urn:stoa:image:sha256:");

    /// <summary>Every namespace the export uses.</summary>
    public static IReadOnlyList<ProvNamespace> Namespaces { get; } =
    [
        StoaNamespaces.WfProv, StoaNamespaces.WfDesc, StoaNamespaces.CwlProv, StoaNamespaces.Data, StoaNamespaces.Uuid, StoaNamespaces.Orcid,
        StoaNamespaces.Stoa, StoaNamespaces.VoProv, Rows, Runs, Workflows, Users, Images,
    ];

    /// <summary>Writes the provenance of <paramref name="rows"/>, streamed: each row is written and forgotten.</summary>
    /// <param name="rows">The rows, enumerated once.</param>
    /// <param name="format">The serialisation.</param>
    /// <param name="stream">Where to write; left open.</param>
    /// <param name="options">Writer options, or null for defaults.</param>
    /// <returns>How many PROV records were written.</returns>
    /// <exception cref="ProvValidationException">A row yields invalid PROV (e.g. a malformed SHA-1).</exception>
    public static long Export(IEnumerable<WorktableRowProvenance> rows, ProvFormat format, Stream stream, ProvWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var writer = ProvenanceWriter.Open(stream, format, Namespaces, options);
        var exporter = new RowExporter(writer);
        foreach (var row in rows)
        {
            exporter.Write(row);
        }

        writer.Complete();
        return writer.RecordCount;
    }

    /// <summary>Adds the provenance of <paramref name="rows"/> to a document (for small exports, or to add other records).</summary>
    public static void AddTo(ProvDocument document, IEnumerable<WorktableRowProvenance> rows)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var ns in Namespaces)
        {
            document.AddNamespace(ns);
        }

        var exporter = new RowExporter(new DocumentTarget(document));
        foreach (var row in rows)
        {
            exporter.Write(row);
        }
    }

    /// <summary>The identifier the export gives a row: <c>row:</c> + escaped table + <c>/</c> + escaped key. Distinct
    /// (table, key) pairs get distinct identifiers.</summary>
    /// <param name="table">The table's name.</param>
    /// <param name="key">The row's key (<see cref="WorktableRowProvenance.RowKey"/>).</param>
    public static QualifiedName RowId(string table, string key)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(key);
        return Rows[Escape(table) + "/" + Escape(key)];
    }

    internal static string Escape(string part) => Uri.EscapeDataString(part);

    internal static string EngineLabel { get; } =
        "Stoa " + (typeof(WorktableProvenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?.Split('+')[0] ?? "0");

    /// <summary>Where the exporter's records go: a streamed writer or a document.</summary>
    internal interface IRecordTarget
    {
        void Write(ProvRecord record);
    }

    private sealed class DocumentTarget(ProvDocument document) : IRecordTarget
    {
        public void Write(ProvRecord record) => document.Add(record);
    }

    private sealed class StreamTarget(ProvStreamWriter writer) : IRecordTarget
    {
        public void Write(ProvRecord record) => writer.Write(record);
    }

    /// <summary>
    /// Maps rows to records. Shared things (runs, workflow versions, users, input files) are written once; the sets
    /// remembering them grow with the number of distinct runs and files, never with the records written.
    /// </summary>
    private sealed class RowExporter
    {
        private static readonly ProvAttribute TypeRow = new(ProvVocabulary.Type, StoaNamespaces.Stoa["WorktableRow"]);
        private static readonly ProvAttribute TypeCollection = new(ProvVocabulary.Type, ProvVocabulary.Prov["Collection"]);
        private static readonly ProvAttribute TypePlan = new(ProvVocabulary.Type, ProvVocabulary.Prov["Plan"]);
        private static readonly ProvAttribute TypeWorkflow = new(ProvVocabulary.Type, StoaNamespaces.WfDesc["Workflow"]);
        private static readonly ProvAttribute TypeArtifact = new(ProvVocabulary.Type, StoaNamespaces.WfProv["Artifact"]);
        private static readonly ProvAttribute TypePerson = new(ProvVocabulary.Type, ProvVocabulary.Prov["Person"]);
        private static readonly ProvAttribute TypeRun = new(ProvVocabulary.Type, StoaNamespaces.WfProv["WorkflowRun"]);

        private readonly IRecordTarget _target;
        private readonly HashSet<string> _runs = new(StringComparer.Ordinal);
        private readonly HashSet<string> _workflows = new(StringComparer.Ordinal);
        private readonly HashSet<string> _users = new(StringComparer.Ordinal);
        private readonly HashSet<string> _files = new(StringComparer.Ordinal);
        private readonly HashSet<string> _images = new(StringComparer.Ordinal);

        // Per table, column and workflow (few), never per row: the escaped names, labels and port roles.
        private readonly Dictionary<string, (string Escaped, ProvValue Label)> _tables = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ColumnNames> _columns = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ProvValue> _strings = new(StringComparer.Ordinal);
        private readonly QualifiedName _engine = StoaNamespaces.Uuid[Guid.NewGuid().ToString()];
        private bool _engineWritten;

        public RowExporter(ProvStreamWriter writer)
            : this(new StreamTarget(writer))
        {
        }

        public RowExporter(IRecordTarget target) => _target = target;

        private sealed record ColumnNames(string In, string Out, ProvValue Label, ProvAttribute LabelAttribute);

        public void Write(WorktableRowProvenance row)
        {
            ArgumentNullException.ThrowIfNull(row);
            if (!_tables.TryGetValue(row.Table, out var table))
            {
                table = (Escape(row.Table), ProvValue.String(row.Table));
                _tables.Add(row.Table, table);
            }

            var rowId = Rows[table.Escaped + "/" + Escape(row.RowKey)];
            _target.Write(new ProvEntity(rowId,
                [TypeRow, TypeCollection, new(StoaNamespaces.Stoa["table"], table.Label), new(StoaNamespaces.Stoa["rowKey"], row.RowKey)]));

            var workflowSha1 = ValidSha1(row.WorkflowSha1, "WorkflowSha1");
            var workflow = Workflows[workflowSha1];
            if (_workflows.Add(workflowSha1))
            {
                List<ProvAttribute> attributes = [TypePlan, TypeWorkflow];
                if (row.WorkflowId is { } wid)
                {
                    attributes.Add(new(ProvVocabulary.Label, wid));
                }

                if (row.WorkflowLocation is { } location)
                {
                    attributes.Add(new(ProvVocabulary.Location, location));
                }

                _target.Write(new ProvEntity(workflow, attributes));
            }

            var user = WriteUser(row);
            QualifiedName? run = null;
            if (row.RunId is { } runId)
            {
                run = Runs[Escape(runId)];
                if (_runs.Add(runId))
                {
                    WriteRun(run.Value, row, workflow, user);
                }
            }

            foreach (var cell in row.Inputs)
            {
                var entity = WriteCell(rowId, false, cell);
                if (run is { } r)
                {
                    _target.Write(ProvRelation.Usage(r, entity, attributes: [Port(workflowSha1, cell.Column)]));
                }
            }

            foreach (var cell in row.Outputs)
            {
                var entity = WriteCell(rowId, true, cell);
                if (run is { } r)
                {
                    _target.Write(ProvRelation.Generation(entity, r, row.RunEnded, attributes: [Port(workflowSha1, cell.Column)]));
                }
            }

            foreach (var upstream in row.UpstreamRows)
            {
                _target.Write(ProvRelation.Derivation(rowId, RowId(upstream.Table, upstream.RowKey)));
            }
        }

        private QualifiedName? WriteUser(WorktableRowProvenance row)
        {
            QualifiedName id;
            if (row.UserOrcid is { } orcid)
            {
                id = StoaNamespaces.Orcid[OrcidId(orcid)];
            }
            else if (row.User is { } name)
            {
                id = Users[Escape(name)];
            }
            else
            {
                return null;
            }

            if (_users.Add(id.Uri))
            {
                _target.Write(new ProvAgent(id, row.User is { } label ? [TypePerson, new(ProvVocabulary.Label, label)] : [TypePerson]));
            }

            return id;
        }

        private void WriteRun(QualifiedName run, WorktableRowProvenance row, QualifiedName workflow, QualifiedName? user)
        {
            if (!_engineWritten)
            {
                _engineWritten = true;
                _target.Write(new ProvAgent(_engine,
                [
                    new(ProvVocabulary.Type, ProvVocabulary.Prov["SoftwareAgent"]),
                    new(ProvVocabulary.Type, StoaNamespaces.WfProv["WorkflowEngine"]),
                    new(ProvVocabulary.Label, EngineLabel),
                ]));
            }

            _target.Write(new ProvActivity(run, row.RunStarted, row.RunEnded, row.RunState is { } state
                ? [TypeRun, new(StoaNamespaces.Stoa["state"], Cached(state))]
                : [TypeRun]));
            _target.Write(ProvRelation.Association(run, _engine, workflow));
            if (user is { } u)
            {
                _target.Write(ProvRelation.Association(run, u, workflow));
                _target.Write(ProvRelation.Delegation(_engine, u, run));
            }

            foreach (var image in row.ContainerImages)
            {
                WriteImage(run, image, row.RunStarted);
            }
        }

        /// <summary>
        /// The image is an input of the run like its files, one entity per image id (a name can be rebuilt to other
        /// content; the id cannot); the container that ran it is, as in cwltool's CWLProv, a <c>prov:SoftwareAgent</c>
        /// with <c>cwlprov:image</c> associated with the run. An image without an id (the engine did not hold it when
        /// the version was bound) has no entity: nothing would identify it.
        /// </summary>
        private void WriteImage(QualifiedName run, string image, DateTimeOffset? started)
        {
            var at = image.LastIndexOf('@');
            var name = at < 0 ? image : image[..at];
            var container = Runs[run.LocalPart + "/container/" + Escape(name)];
            _target.Write(new ProvAgent(container,
            [
                new(ProvVocabulary.Type, ProvVocabulary.Prov["SoftwareAgent"]),
                new(StoaNamespaces.CwlProv["image"], name),
                new(ProvVocabulary.Label, "Container execution of image " + name),
            ]));
            _target.Write(ProvRelation.Association(run, container, null));
            if (at < 0 || !image[(at + 1)..].StartsWith("sha256:", StringComparison.Ordinal))
            {
                return;
            }

            var id = image[(at + 1)..];
            var entity = Images[ValidSha256(id["sha256:".Length..], image)];
            if (_images.Add(id))
            {
                _target.Write(new ProvEntity(entity,
                [
                    new(ProvVocabulary.Type, StoaNamespaces.Stoa["ContainerImage"]),
                    new(ProvVocabulary.Label, name),
                    new(StoaNamespaces.Stoa["imageId"], id),
                ]));
            }

            _target.Write(ProvRelation.Usage(run, entity, started));
        }

        private QualifiedName WriteCell(QualifiedName rowId, bool output, WorktableCell cell)
        {
            if (!_columns.TryGetValue(cell.Column, out var names))
            {
                var escaped = Escape(cell.Column);
                var label = ProvValue.String(cell.Column);
                names = new ColumnNames("/in/" + escaped, "/out/" + escaped, label, new(ProvVocabulary.Label, label));
                _columns.Add(cell.Column, names);
            }

            var count = 1 + (cell.Unit is null ? 0 : 1) + (cell.Ucd is null ? 0 : 1) + (cell.Value is null ? 0 : 1);
            var attributes = new ProvAttribute[count];
            var n = 0;
            attributes[n++] = names.LabelAttribute;
            if (cell.Unit is { } unit)
            {
                attributes[n++] = new(StoaNamespaces.VoProv["unit"], Cached(unit));
            }

            if (cell.Ucd is { } ucd)
            {
                attributes[n++] = new(StoaNamespaces.VoProv["ucd"], Cached(ucd));
            }

            if (cell.Value is { } value)
            {
                attributes[n++] = new(ProvVocabulary.Value, value);
            }

            var cellId = Rows[rowId.LocalPart + (output ? names.Out : names.In)];
            _target.Write(new ProvEntity(cellId, attributes));
            if (cell.FileSha1 is { } sha1)
            {
                // A file is one entity however many rows use it; the cell is that file in this row's column.
                var file = StoaNamespaces.Data[ValidSha1(sha1, cell.Column)];
                if (_files.Add(sha1))
                {
                    _target.Write(new ProvEntity(file, [TypeArtifact]));
                }

                _target.Write(ProvRelation.Specialization(cellId, file));
            }

            _target.Write(ProvRelation.Membership(rowId, cellId));
            return cellId;
        }

        private ProvValue Cached(string text)
        {
            if (!_strings.TryGetValue(text, out var value))
            {
                value = ProvValue.String(text);
                if (_strings.Count < 10_000)
                {
                    _strings.Add(text, value);
                }
            }

            return value;
        }

        private readonly Dictionary<(string, string), ProvAttribute> _roles = [];

        /// <summary>The port's role, <c>workflow:&lt;sha1&gt;#&lt;column&gt;</c>, made once per workflow and column.</summary>
        private ProvAttribute Port(string workflowSha1, string column)
        {
            if (!_roles.TryGetValue((workflowSha1, column), out var role))
            {
                role = new(ProvVocabulary.Role, Workflows[workflowSha1 + "#" + Escape(column)]);
                if (_roles.Count < 10_000)
                {
                    _roles.Add((workflowSha1, column), role);
                }
            }

            return role;
        }

        private static string OrcidId(string orcid) =>
            Provenance.OrcidId.TryParse(orcid) ?? throw new ProvValidationException($"'{orcid}' is not an ORCID iD (0000-0000-0000-0000).");
    }

    internal static string ValidSha1(string sha1, string what)
    {
        if (sha1.Length != 40 || !sha1.All(char.IsAsciiHexDigitLower))
        {
            throw new ProvValidationException($"{what}: '{sha1}' is not a SHA-1 in lower-case hex (40 characters).");
        }

        return sha1;
    }

    /// <summary>A SHA-256 in lower-case hex, or an error naming <paramref name="what"/>.</summary>
    internal static string ValidSha256(string sha256, string what)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ProvValidationException($"{what}: '{sha256}' is not a SHA-256 in lower-case hex (64 characters).");
        }

        return sha256;
    }
}
