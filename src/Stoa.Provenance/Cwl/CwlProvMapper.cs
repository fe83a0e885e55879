using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Stoa.Provenance;

/// <summary>
/// Maps a CWL run to PROV following the CWLProv 0.6 profile: the engine a <c>prov:SoftwareAgent</c> acting for the
/// user, the run a <c>wfprov:WorkflowRun</c>, each job a <c>wfprov:ProcessRun</c> with its UTC start and end, plans
/// (<c>wfdesc:Workflow</c>, <c>wfdesc:Process</c>) named after the CWL ids in <c>workflow/packed.cwl</c>, files named by
/// content (<c>urn:hash::sha1:</c>), values with <c>prov:value</c>, ports as roles, nested workflows as activities
/// started by their parent. Failed and cancelled jobs keep their end time, exit code and state; outputs never produced
/// are absent.
/// </summary>
internal sealed class CwlProvMapper
{
    private static readonly ProvNamespace Wf4Ever = new("wf4ever", "http://purl.org/wf4ever/wf4ever#");

    private readonly CwlRunFacts _run;
    private readonly CwlProvenanceOptions _options;
    private readonly Guid _runUuid;
    private readonly ProvDocument _doc = new();
    private readonly ProvNamespace _wf;
    private readonly HashSet<string> _emitted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _dataFiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<QualifiedName>> _subProcesses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QualifiedName> _nestedRuns = new(StringComparer.Ordinal);
    private readonly string _top;

    public CwlProvMapper(CwlRunFacts run, CwlProvenanceOptions options)
    {
        _run = run;
        _options = options;
        _runUuid = options.RunUuid ?? Guid.NewGuid();
        foreach (var ns in new[] { StoaNamespaces.WfProv, StoaNamespaces.WfDesc, StoaNamespaces.CwlProv, StoaNamespaces.Uuid, StoaNamespaces.Data, StoaNamespaces.Stoa, Wf4Ever })
        {
            _doc.AddNamespace(ns);
        }

        _wf = _doc.AddNamespace("wf", $"arcp://uuid,{_runUuid:D}/workflow/packed.cwl#");
        // Plans are named as in workflow/packed.cwl, where a process without a fragment id becomes #main.
        _top = ShortId(run.ProcessId);
    }

    private static ProvNamespace Prov => ProvVocabulary.Prov;

    public CwlProvenanceResult Map()
    {
        // Agents: the engine, acting for the user when the user said who they are.
        var engine = Uuid("engine");
        _doc.Agent(engine, Type(Prov["SoftwareAgent"]), Type(StoaNamespaces.WfProv["WorkflowEngine"]), Label(WorktableProvenance.EngineLabel));
        var user = User();

        // The run and its plan.
        var run = StoaNamespaces.Uuid[_runUuid.ToString("D")];
        var topPlan = _wf[_top];
        var runAttributes = new List<ProvAttribute>
        {
            Type(StoaNamespaces.WfProv[_run.IsWorkflow ? "WorkflowRun" : "ProcessRun"]),
            Label("Run of workflow/packed.cwl#" + _top),
            new(StoaNamespaces.Stoa["state"], _run.State),
        };
        if (_run.Message is { } message)
        {
            runAttributes.Add(new(StoaNamespaces.Stoa["message"], message));
        }

        _doc.Add(new ProvActivity(run, _run.Started, _run.Finished, runAttributes));
        _doc.Add(ProvRelation.Start(run, null, engine, _run.Started));
        _doc.Add(ProvRelation.End(run, null, engine, _run.Finished));
        _doc.Add(ProvRelation.Association(run, engine, topPlan));
        if (user is { } u)
        {
            _doc.Add(ProvRelation.Delegation(engine, u, run));
        }

        foreach (var (port, value) in _run.Inputs)
        {
            if (Value(value) is { } entity)
            {
                _doc.Add(ProvRelation.Usage(run, entity, _run.Started, attributes: [Role(_top + "/" + port)]));
            }
        }

        foreach (var job in _run.Jobs)
        {
            MapJob(job, run);
        }

        if (_run.Outputs is { } outputs)
        {
            foreach (var (port, value) in outputs)
            {
                if (Value(value) is { } entity)
                {
                    _doc.Add(ProvRelation.Generation(entity, run, _run.Finished, attributes: [Role(_top + "/" + port)]));
                }
            }
        }

        // Prospective provenance: the plans, each workflow listing its sub-processes.
        WritePlan(_top, _run.IsWorkflow, isProcess: !_run.IsWorkflow);
        foreach (var (plan, _) in _subProcesses.Where(kv => kv.Key != _top && kv.Value.Count > 0))
        {
            WritePlan(plan, isWorkflow: true, isProcess: true);
        }

        var files = _dataFiles.Select(kv => new ResearchObjectFile(kv.Key, kv.Value)).ToList();
        return new CwlProvenanceResult(_doc, _runUuid, files, _run.Inputs, _run.Outputs, _options.UserName, OrcidId());
    }

    private void MapJob(CwlJobFacts job, QualifiedName run)
    {
        // "main/sub/2/align/3": steps "sub" (scatter index 2, a nested workflow) and "align" (index 3) under "main".
        var groups = StepGroups(job.Name);
        var parent = run;
        var parentPlan = _top;
        var instance = _top;
        for (var i = 0; i < groups.Count - 1; i++)
        {
            instance += "/" + groups[i].Instance;
            var plan = parentPlan + "/" + groups[i].Step;
            AddSubProcess(parentPlan, plan);
            if (!_nestedRuns.TryGetValue(instance, out var nested))
            {
                nested = Uuid("workflow:" + instance);
                _nestedRuns.Add(instance, nested);
                _doc.Add(new ProvActivity(nested, null, null,
                [
                    Type(StoaNamespaces.WfProv["WorkflowRun"]), Type(StoaNamespaces.WfProv["ProcessRun"]),
                    Label("Run of workflow/packed.cwl#" + plan),
                ]));
                _doc.Add(ProvRelation.Start(nested, null, parent));
                _doc.Add(ProvRelation.Association(nested, null, _wf[plan]));
            }

            parent = nested;
            parentPlan = plan;
        }

        var stepPlan = groups.Count == 0 ? _top : parentPlan + "/" + groups[^1].Step;
        if (groups.Count > 0)
        {
            AddSubProcess(parentPlan, stepPlan);
        }

        var activity = Uuid("job:" + job.JobId);
        var attributes = new List<ProvAttribute>
        {
            Type(StoaNamespaces.WfProv["ProcessRun"]),
            Label("Run of workflow/packed.cwl#" + stepPlan),
            new(StoaNamespaces.Stoa["state"], job.State),
            new(StoaNamespaces.Stoa["processClass"], job.ProcessClass),
            new(StoaNamespaces.Stoa["jobId"], job.JobId),
        };
        if (job.ExitCode is { } exit)
        {
            attributes.Add(new(StoaNamespaces.Stoa["exitCode"], (long)exit));
        }

        if (job.Message is { } message)
        {
            attributes.Add(new(StoaNamespaces.Stoa["message"], message));
        }

        if (job.CommandLine.Count > 0)
        {
            attributes.Add(new(StoaNamespaces.Stoa["commandLine"], new JsonArray([.. job.CommandLine.Select(a => (JsonNode)a)]).ToJsonString()));
        }

        _doc.Add(new ProvActivity(activity, job.Started, job.Finished, attributes));
        _doc.Add(ProvRelation.Start(activity, null, parent, job.Started));
        _doc.Add(ProvRelation.End(activity, null, parent, job.Finished));
        _doc.Add(ProvRelation.Association(activity, null, _wf[stepPlan]));
        if (job.ContainerImage is { } image)
        {
            // The image is an input of the run like its files: named by its id, so one image is one entity.
            var at = image.LastIndexOf('@');
            var imageEntity = Uuid("container-image:" + image[(at + 1)..]);
            if (Emit(imageEntity))
            {
                _doc.Entity(imageEntity, Type(StoaNamespaces.Stoa["ContainerImage"]), Label(image[..Math.Max(0, at)]),
                    new ProvAttribute(StoaNamespaces.Stoa["imageId"], image[(at + 1)..]));
            }

            _doc.Add(ProvRelation.Usage(activity, imageEntity, job.Started));

            // What cwltool's CWLProv writes for a containerised job: the container as a SoftwareAgent naming its image.
            var container = Uuid("container:" + activity.Uri);
            _doc.Add(new ProvAgent(container,
            [
                Type(ProvVocabulary.Prov["SoftwareAgent"]),
                new ProvAttribute(StoaNamespaces.CwlProv["image"], image[..Math.Max(0, at)]),
                Label("Container execution of image " + image[..Math.Max(0, at)]),
            ]));
            _doc.Add(ProvRelation.Association(activity, container, null));
        }

        foreach (var (port, value) in job.Inputs)
        {
            if (Value(value) is { } entity)
            {
                _doc.Add(ProvRelation.Usage(activity, entity, job.Started, attributes: [Role(stepPlan + "/" + port)]));
            }
        }

        // Only what the job produced: a failed job has no output object, and nothing is made up for it.
        if (job.Outputs is { } outputs)
        {
            foreach (var (port, value) in outputs)
            {
                if (Value(value) is { } entity)
                {
                    _doc.Add(ProvRelation.Generation(entity, activity, job.Finished, attributes: [Role(stepPlan + "/" + port)]));
                }
            }
        }
    }

    /// <summary>The entity standing for a CWL value, written once; null for a null value.</summary>
    private QualifiedName? Value(JsonNode? value)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonObject o when ClassOf(o) == "File":
                return FileEntity(o);
            case JsonObject o when ClassOf(o) == "Directory":
            {
                var id = Uuid("directory:" + (Location(o) ?? o.ToJsonString()));
                var members = (o["listing"] as JsonArray)?.Select(Value).OfType<QualifiedName>().ToList() ?? [];
                if (Emit(id))
                {
                    var attrs = new List<ProvAttribute> { Type(Wf4Ever["Folder"]), Type(Prov["Collection"]) };
                    AddBasename(attrs, o);
                    _doc.Add(new ProvEntity(id, attrs));
                    members.ForEach(m => _doc.Add(ProvRelation.Membership(id, m)));
                }

                return id;
            }

            case JsonValue v when v.TryGetValue<string>(out var s):
            {
                // As in CWLProv, a string is named by the SHA-1 of its text, like a file holding it.
                var id = StoaNamespaces.Data[Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(s)))];
                if (Emit(id))
                {
                    _doc.Entity(id, Type(StoaNamespaces.WfProv["Artifact"]), new ProvAttribute(ProvVocabulary.Value, s));
                }

                return id;
            }

            case JsonValue v:
            {
                var id = Uuid("value:" + v.ToJsonString());
                if (Emit(id))
                {
                    _doc.Entity(id, Type(StoaNamespaces.WfProv["Artifact"]), new ProvAttribute(ProvVocabulary.Value, Scalar(v)));
                }

                return id;
            }

            case JsonArray a:
            {
                var id = Uuid("array:" + a.ToJsonString());
                var members = a.Select(Value).OfType<QualifiedName>().ToList();
                if (Emit(id))
                {
                    _doc.Entity(id, Type(StoaNamespaces.WfProv["Artifact"]), Type(Prov["Collection"]));
                    members.ForEach(m => _doc.Add(ProvRelation.Membership(id, m)));
                }

                return id;
            }

            case JsonObject record:
            {
                var id = Uuid("record:" + record.ToJsonString());
                var fields = record.Select(kv => (kv.Key, Entity: Value(kv.Value))).Where(f => f.Entity is not null).ToList();
                if (Emit(id))
                {
                    _doc.Entity(id, Type(StoaNamespaces.WfProv["Artifact"]), Type(Prov["Dictionary"]));
                    fields.ForEach(f => _doc.Add(ProvRelation.Membership(id, f.Entity!.Value)));
                }

                return id;
            }

            default:
                return null;
        }
    }

    private QualifiedName FileEntity(JsonObject file)
    {
        var location = Location(file);
        var sha1 = Checksum(file);
        if (sha1 is null && location is not null && _options.HashFiles && File.Exists(location))
        {
            using var stream = File.OpenRead(location);
            sha1 = Convert.ToHexStringLower(SHA1.HashData(stream));
        }

        if (sha1 is not null && location is not null && File.Exists(location))
        {
            _dataFiles.TryAdd(Path.GetFullPath(location), sha1);
        }

        // The content (urn:hash::sha1:…) is the entity used and generated; the named file is a specialization of it.
        var content = sha1 is null ? Uuid("file:" + (location ?? file.ToJsonString())) : StoaNamespaces.Data[sha1];
        if (Emit(content))
        {
            _doc.Entity(content, Type(StoaNamespaces.WfProv["Artifact"]));
        }

        if (file["basename"] is not null || location is not null)
        {
            var named = Uuid("file:" + (location ?? file.ToJsonString()));
            if (named != content && Emit(named))
            {
                var attrs = new List<ProvAttribute> { Type(Wf4Ever["File"]) };
                AddBasename(attrs, file);
                _doc.Add(new ProvEntity(named, attrs));
                _doc.Add(ProvRelation.Specialization(named, content));
            }
        }

        foreach (var secondary in (file["secondaryFiles"] as JsonArray) ?? [])
        {
            if (Value(secondary) is { } s)
            {
                _doc.Add(ProvRelation.Influence(s, content, attributes: [Type(StoaNamespaces.CwlProv["SecondaryFile"])]));
            }
        }

        return content;
    }

    private static void AddBasename(List<ProvAttribute> attributes, JsonObject o)
    {
        var basename = (string?)o["basename"] ?? (Location(o) is { } l ? Path.GetFileName(l) : null);
        if (!string.IsNullOrEmpty(basename))
        {
            attributes.Add(new(StoaNamespaces.CwlProv["basename"], basename));
            attributes.Add(new(StoaNamespaces.CwlProv["nameroot"], Path.GetFileNameWithoutExtension(basename)));
            attributes.Add(new(StoaNamespaces.CwlProv["nameext"], Path.GetExtension(basename)));
        }
    }

    private static string? ClassOf(JsonObject o) => o["class"] is JsonValue c && c.TryGetValue<string>(out var s) ? s : null;

    private static string? Location(JsonObject o)
    {
        var text = (o["path"] ?? o["location"]) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.IsFile ? uri.LocalPath : text;
    }

    private static string? Checksum(JsonObject o) =>
        o["checksum"] is JsonValue v && v.TryGetValue<string>(out var s) && s.StartsWith("sha1$", StringComparison.OrdinalIgnoreCase)
            && s.Length == 45 && s[5..].All(char.IsAsciiHexDigit)
            ? s[5..].ToLowerInvariant() : null;

    private static ProvValue Scalar(JsonValue v)
    {
        if (v.TryGetValue<bool>(out var b))
        {
            return b;
        }

        // JSON integers that fit are xsd:long; every other number is xsd:double (never xsd:float).
        var text = v.ToJsonString();
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
            ? ProvValue.Long(l) : ProvValue.Double(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    private QualifiedName? User()
    {
        if (OrcidId() is { } orcid)
        {
            _doc.AddNamespace(StoaNamespaces.Orcid);
            var id = StoaNamespaces.Orcid[orcid];
            var attrs = new List<ProvAttribute> { Type(Prov["Person"]) };
            if (_options.UserName is { } name)
            {
                attrs.Add(Label(name));
            }

            _doc.Add(new ProvAgent(id, attrs));
            return id;
        }

        if (_options.UserName is { } userName)
        {
            var id = Uuid("user:" + userName);
            _doc.Agent(id, Type(Prov["Person"]), Label(userName));
            return id;
        }

        return null;
    }

    private string? OrcidId()
    {
        if (_options.UserOrcid is not { } orcid)
        {
            return null;
        }

        return Provenance.OrcidId.TryParse(orcid)
            ?? throw new ArgumentException($"'{orcid}' is not an ORCID iD (0000-0000-0000-0000).", nameof(CwlProvenanceOptions.UserOrcid));
    }

    private void AddSubProcess(string parentPlan, string plan)
    {
        if (!_subProcesses.TryGetValue(parentPlan, out var list))
        {
            _subProcesses[parentPlan] = list = [];
        }

        if (!list.Contains(_wf[plan]))
        {
            list.Add(_wf[plan]);
        }

        _subProcesses.TryAdd(plan, []);
    }

    private void WritePlan(string plan, bool isWorkflow, bool isProcess)
    {
        var attrs = new List<ProvAttribute> { Type(Prov["Plan"]) };
        if (isWorkflow)
        {
            attrs.Add(Type(StoaNamespaces.WfDesc["Workflow"]));
        }

        if (isProcess || !isWorkflow)
        {
            attrs.Add(Type(StoaNamespaces.WfDesc["Process"]));
        }

        attrs.Add(Label(plan == _top ? "Prospective provenance" : "Step " + plan));
        if (_subProcesses.TryGetValue(plan, out var children))
        {
            attrs.AddRange(children.Select(c => new ProvAttribute(StoaNamespaces.WfDesc["hasSubProcess"], c)));
        }

        _doc.Entity(_wf[plan], [.. attrs]);
        if (children is null)
        {
            return;
        }

        foreach (var child in children.Where(c => !_subProcesses.TryGetValue(c.LocalPart, out var grand) || grand.Count == 0))
        {
            _doc.Entity(child, Type(Prov["Plan"]), Type(StoaNamespaces.WfDesc["Process"]), Label("Step " + child.LocalPart));
        }
    }

    /// <summary>Splits a job name into steps, each with its scatter indices: <c>main/sub/2/align/3</c> → (sub, sub/2), (align, align/3).</summary>
    private static List<(string Step, string Instance)> StepGroups(string name)
    {
        var segments = name.Split('/');
        var groups = new List<(string Step, string Instance)>();
        for (var i = 1; i < segments.Length; i++)
        {
            if (segments[i].Length > 0 && segments[i].All(char.IsAsciiDigit) && groups.Count > 0)
            {
                groups[^1] = (groups[^1].Step, groups[^1].Instance + "/" + segments[i]);
            }
            else
            {
                groups.Add((segments[i], segments[i]));
            }
        }

        return groups;
    }

    private static string ShortId(string processId)
    {
        var hash = processId.LastIndexOf('#');
        return hash >= 0 && hash < processId.Length - 1 ? processId[(hash + 1)..] : "main";
    }

    private bool Emit(QualifiedName id) => _emitted.Add(id.Uri);

    private QualifiedName Uuid(string name) => StoaNamespaces.Uuid[NameBasedUuid.Create(_runUuid, name).ToString("D")];

    private ProvAttribute Role(string portPath) => new(ProvVocabulary.Role, _wf[portPath]);

    private static ProvAttribute Type(QualifiedName type) => new(ProvVocabulary.Type, type);

    private static ProvAttribute Label(string label) => new(ProvVocabulary.Label, label);
}
