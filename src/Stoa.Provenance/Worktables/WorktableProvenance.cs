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

    /// <summary>Every namespace the export uses.</summary>
    public static IReadOnlyList<ProvNamespace> Namespaces { get; } =
    [
        StoaNamespaces.WfProv, StoaNamespaces.WfDesc, StoaNamespaces.Data, StoaNamespaces.Uuid, StoaNamespaces.Orcid,
        StoaNamespaces.Stoa, StoaNamespaces.VoProv, Rows, Runs, Workflows, Users,
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

    internal static QualifiedName RowId(string table, string key) => Rows[Escape(table) + "/" + Escape(key)];

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
        private readonly IRecordTarget _target;
        private readonly HashSet<string> _runs = new(StringComparer.Ordinal);
        private readonly HashSet<string> _workflows = new(StringComparer.Ordinal);
        private readonly HashSet<string> _users = new(StringComparer.Ordinal);
        private readonly HashSet<string> _files = new(StringComparer.Ordinal);
        private readonly QualifiedName _engine = StoaNamespaces.Uuid[Guid.NewGuid().ToString()];
        private bool _engineWritten;

        public RowExporter(ProvStreamWriter writer)
            : this(new StreamTarget(writer))
        {
        }

        public RowExporter(IRecordTarget target) => _target = target;

        public void Write(WorktableRowProvenance row)
        {
            ArgumentNullException.ThrowIfNull(row);
            var rowId = RowId(row.Table, row.RowKey);
            var prov = ProvVocabulary.Prov;
            var stoa = StoaNamespaces.Stoa;
            _target.Write(new ProvEntity(rowId,
            [
                new(ProvVocabulary.Type, stoa["WorktableRow"]), new(ProvVocabulary.Type, prov["Collection"]),
                new(stoa["table"], row.Table), new(stoa["rowKey"], row.RowKey),
            ]));

            var workflow = Workflows[ValidSha1(row.WorkflowSha1, "WorkflowSha1")];
            if (_workflows.Add(workflow.LocalPart))
            {
                var attributes = new List<ProvAttribute>
                {
                    new(ProvVocabulary.Type, prov["Plan"]), new(ProvVocabulary.Type, StoaNamespaces.WfDesc["Workflow"]),
                };
                if (row.WorkflowId is { } wid)
                {
                    attributes.Add(new(ProvVocabulary.Label, wid));
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
                var entity = WriteCell(rowId, "in", cell);
                if (run is { } r)
                {
                    _target.Write(ProvRelation.Usage(r, entity, attributes: [new(ProvVocabulary.Role, Port(workflow, cell.Column))]));
                }
            }

            foreach (var cell in row.Outputs)
            {
                var entity = WriteCell(rowId, "out", cell);
                if (run is { } r)
                {
                    _target.Write(ProvRelation.Generation(entity, r, row.RunEnded, attributes: [new(ProvVocabulary.Role, Port(workflow, cell.Column))]));
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
                var attributes = new List<ProvAttribute> { new(ProvVocabulary.Type, ProvVocabulary.Prov["Person"]) };
                if (row.User is { } label)
                {
                    attributes.Add(new(ProvVocabulary.Label, label));
                }

                _target.Write(new ProvAgent(id, attributes));
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

            var attributes = new List<ProvAttribute> { new(ProvVocabulary.Type, StoaNamespaces.WfProv["WorkflowRun"]) };
            if (row.RunState is { } state)
            {
                attributes.Add(new(StoaNamespaces.Stoa["state"], state));
            }

            _target.Write(new ProvActivity(run, row.RunStarted, row.RunEnded, attributes));
            _target.Write(ProvRelation.Association(run, _engine, workflow));
            if (user is { } u)
            {
                _target.Write(ProvRelation.Association(run, u, workflow));
                _target.Write(ProvRelation.Delegation(_engine, u, run));
            }
        }

        private QualifiedName WriteCell(QualifiedName rowId, string direction, WorktableCell cell)
        {
            var attributes = new List<ProvAttribute>();
            if (cell.Unit is { } unit)
            {
                attributes.Add(new(StoaNamespaces.VoProv["unit"], unit));
            }

            if (cell.Ucd is { } ucd)
            {
                attributes.Add(new(StoaNamespaces.VoProv["ucd"], ucd));
            }

            QualifiedName id;
            if (cell.FileSha1 is { } sha1)
            {
                // A file is one entity however many rows use it; the cell is that file in this row's column.
                id = StoaNamespaces.Data[ValidSha1(sha1, cell.Column)];
                if (_files.Add(id.LocalPart))
                {
                    _target.Write(new ProvEntity(id, [new(ProvVocabulary.Type, StoaNamespaces.WfProv["Artifact"])]));
                }

                var cellId = Rows[rowId.LocalPart + "/" + direction + "/" + Escape(cell.Column)];
                attributes.Insert(0, new(ProvVocabulary.Label, cell.Column));
                _target.Write(new ProvEntity(cellId, attributes));
                _target.Write(ProvRelation.Specialization(cellId, id));
                _target.Write(ProvRelation.Membership(rowId, cellId));
                return cellId;
            }

            id = Rows[rowId.LocalPart + "/" + direction + "/" + Escape(cell.Column)];
            attributes.Insert(0, new(ProvVocabulary.Label, cell.Column));
            if (cell.Value is { } value)
            {
                attributes.Add(new(ProvVocabulary.Value, value));
            }

            _target.Write(new ProvEntity(id, attributes));
            _target.Write(ProvRelation.Membership(rowId, id));
            return id;
        }

        private static QualifiedName Port(QualifiedName workflow, string column) => Workflows[workflow.LocalPart + "#" + Escape(column)];

        private static string OrcidId(string orcid)
        {
            var id = orcid.Trim();
            var slash = id.LastIndexOf('/');
            id = slash >= 0 ? id[(slash + 1)..] : id;
            return id.Length == 19 && id[4] == '-' && id[9] == '-' && id[14] == '-' ? id
                : throw new ProvValidationException($"'{orcid}' is not an ORCID iD (0000-0000-0000-0000).");
        }
    }

    internal static string ValidSha1(string sha1, string what)
    {
        if (sha1.Length != 40 || !sha1.All(char.IsAsciiHexDigitLower))
        {
            throw new ProvValidationException($"{what}: '{sha1}' is not a SHA-1 in lower-case hex (40 characters).");
        }

        return sha1;
    }
}
