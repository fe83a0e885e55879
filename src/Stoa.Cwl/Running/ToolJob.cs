using System.Text.Json.Nodes;
using Stoa.Cwl.Containers;
using Stoa.Cwl.Execution;
using Stoa.Cwl.Expressions;
using Stoa.Cwl.Loading;
using Stoa.Cwl.Model;

namespace Stoa.Cwl.Running;

/// <summary>
/// Runs one CommandLineTool job: binds inputs, stages them in the job directory, applies the requirements,
/// builds the command line, executes it on the backend and collects the outputs.
/// </summary>
internal sealed partial class ToolJob
{
    private readonly RunContext _ctx;
    private readonly CwlProcess _tool;
    private readonly RequirementSet _reqs;
    private readonly string _name;
    private readonly ExpressionEvaluator _eval;
    private string _outdir = "";
    private string _stageDir = "";
    private int _stageCounter;
    private readonly List<string> _stagedSources = [];

    /// <summary>The container image when the tool runs in a container (DockerRequirement and an engine), else null.</summary>
    private DockerImage? _image;

    /// <summary>DockerRequirement is under requirements: paths outside the output directory may be mounted (absolute entrynames).</summary>
    private bool _containerRequired;

    /// <summary>The image's id (<c>sha256:…</c>) once it is present.</summary>
    private string? _imageId;

    /// <summary>Mounts besides the job directories: absolute entrynames, dockerOutputDirectory.</summary>
    private readonly List<ContainerMount> _extraMounts = [];
    private string _jobDir = "";

    public ToolJob(RunContext ctx, CwlProcess tool, RequirementSet reqs, string name)
    {
        _ctx = ctx;
        _tool = tool;
        _reqs = reqs;
        _name = name;
        _eval = ctx.Evaluator(reqs);
    }

    public static void CheckSupported(RunContext ctx, RequirementSet reqs, CwlProcess process)
    {
        // An ExpressionTool's JavaScript runs in the engine whatever its DockerRequirement says, as in cwltool.
        if (process.Class == "CommandLineTool" && reqs.FindRequirement("DockerRequirement") is not null && ctx.Containers is null)
        {
            var why = ctx.Options.ContainerEngine == CwlContainerEngine.None
                ? "containers are turned off (--no-container)"
                : "neither podman nor docker is on PATH";
            throw new CwlUnsupportedFeatureException(
                $"{process.Id}: DockerRequirement is required but {why} (install podman or docker, or declare it under hints to run without a container)");
        }
    }

    public async Task<JsonObject> RunAsync(JsonObject given)
    {
        CheckSupported(_ctx, _reqs, _tool);
        if (_reqs.Find("DockerRequirement") is { } docker && _ctx.Containers is not null)
        {
            _image = DockerImage.From(docker, _tool.File);
            _containerRequired = _reqs.FindRequirement("DockerRequirement") is not null;
        }

        var queued = DateTimeOffset.UtcNow;
        var jobId = _ctx.NextJobId();
        var inputs = new InputBinder(_tool, _reqs, _eval, _ctx.Ontology, discoverSecondaryFiles: !_name.Contains('/', StringComparison.Ordinal)).Bind(given);
        var jobDir = _ctx.NewJobDirectory(jobId);
        _jobDir = jobDir;
        _outdir = Path.Combine(jobDir, "out");
        _stageDir = Path.Combine(jobDir, "stage");
        var tmpdir = Path.Combine(jobDir, "tmp");
        var runtime = new JsonObject
        {
            ["outdir"] = _outdir,
            ["tmpdir"] = tmpdir,
            ["cores"] = 1,
            ["ram"] = 256,
            ["outdirSize"] = 1024,
            ["tmpdirSize"] = 1024,
        };
        var record = new CwlJobRecord
        {
            JobId = jobId,
            Name = _name,
            ProcessId = _tool.Id,
            ProcessClass = _tool.Class,
            Inputs = (JsonObject)inputs.DeepClone(),
            WorkingDirectory = _outdir,
            Status = CwlJobStatus.PermanentFailure,
            QueuedUtc = queued,
            StartedUtc = queued,
            FinishedUtc = queued,
        };
        _ctx.Publish(new CwlJobEvent(jobId, _name, CwlJobState.Queued, queued));
        IReadOnlyList<string> argv = [];
        string? stdoutPath = null, stderrPath = null;
        try
        {
            var (cores, ram) = Resources(inputs, runtime);
            StageInputs(inputs);
            InitialWorkDir(inputs, runtime);
            var scope = new ExpressionScope(inputs, null, runtime);
            var words = new CommandLineBuilder(_eval, inputs, runtime).Build(_tool);
            var shell = _reqs.Has("ShellCommandRequirement");
            argv = shell ? ["/bin/sh", "-c", CommandLineBuilder.JoinShell(words)] : words.Select(w => w.Text).ToArray();
            if (argv.Count == 0)
            {
                throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, "empty command line (no baseCommand or arguments)");
            }

            var stdin = Stream(_tool.Stdin, scope, "stdin");
            if (stdin is null && _tool.Inputs.FirstOrDefault(i => Types.Name(i.Type) == "stdin") is { } stdinInput &&
                inputs[stdinInput.Id] is JsonObject stdinFile)
            {
                // The `stdin` shortcut type: that input's file is the standard input.
                stdin = FileObjects.Str(stdinFile["path"]);
            }

            var stdoutName = Stream(_tool.Stdout, scope, "stdout");
            var stderrName = Stream(_tool.Stderr, scope, "stderr");
            if (stdoutName is null && _tool.Outputs.Any(o => Types.Name(o.Type) == "stdout"))
            {
                stdoutName = Guid.NewGuid().ToString("N")[..12] + ".stdout";
            }

            if (stderrName is null && _tool.Outputs.Any(o => Types.Name(o.Type) == "stderr"))
            {
                stderrName = Guid.NewGuid().ToString("N")[..12] + ".stderr";
            }

            var logDir = _ctx.Options.LogDirectory is { } ld ? Path.Combine(Path.GetFullPath(ld), jobId) : jobDir;
            if (logDir != jobDir)
            {
                Directory.CreateDirectory(logDir);
            }

            stdoutPath = stdoutName is null ? Path.Combine(logDir, "stdout.log") : InsideOutdir(stdoutName, "stdout");
            stderrPath = stderrName is null ? Path.Combine(logDir, "stderr.log") : InsideOutdir(stderrName, "stderr");
            if (stdin is not null && !Path.IsPathRooted(stdin))
            {
                stdin = Path.Combine(_outdir, stdin);
            }

            // Directory creation is a metadata write on most file systems (~0.3 ms here): the job and output
            // directories exist already, so only a stream named into a sub-folder needs one.
            foreach (var streamDir in new[] { Path.GetDirectoryName(stdoutPath)!, Path.GetDirectoryName(stderrPath)! })
            {
                if (streamDir != logDir && streamDir != _outdir)
                {
                    Directory.CreateDirectory(streamDir);
                }
            }
            var containerDir = _image?.OutputDirectory ?? _outdir;
            var env = Environment(inputs, runtime, tmpdir, home: containerDir);
            var prepared = new CwlPreparedJob
            {
                JobId = jobId,
                Name = _name,
                CommandLine = argv,
                Environment = env,
                WorkingDirectory = _outdir,
                TempDirectory = tmpdir,
                StdinPath = stdin,
                StdoutPath = stdoutPath,
                StderrPath = stderrPath,
                Cores = cores,
                RamMebibytes = ram,
                TimeLimit = TimeLimit(inputs, runtime),
                NetworkAccess = NetworkAccess(inputs, runtime),
            };
            var container = _image is null ? null : await ContainerFor(prepared, jobId).ConfigureAwait(false);
            if (container is not null)
            {
                record = record with { ContainerImage = container.Image + "@" + _imageId };
            }

            var shown = container is null ? argv : _ctx.Containers!.RunCommand(container, argv);
            // command.txt is for a person reading kept logs; a job directory that the run deletes at its end would
            // only pay a file creation for it (the record keeps the command line either way).
            if (logDir != jobDir || _ctx.Options.KeepTempFiles)
            {
                File.WriteAllText(Path.Combine(logDir, "command.txt"), string.Join(" ", shown.Select(CommandLineBuilder.ShellQuote)) + "\n");
            }

            CwlJobExecution execution;
            using (await _ctx.Slots.AcquireAsync(cores, ram, _ctx.Cancellation).ConfigureAwait(false))
            {
                var started = DateTimeOffset.UtcNow;
                record = record with { StartedUtc = started, CommandLine = argv, StdoutPath = stdoutPath, StderrPath = stderrPath };
                _ctx.Publish(new CwlJobEvent(jobId, _name, CwlJobState.Started, started) { StdoutPath = stdoutPath, StderrPath = stderrPath });
                execution = container is null
                    ? await _ctx.Backend.ExecuteAsync(prepared, _ctx.Cancellation).ConfigureAwait(false)
                    : await _ctx.Containers!.ExecuteAsync(_ctx.Backend, prepared, container, _ctx.Cancellation).ConfigureAwait(false);
            }

            record = record with { ExitCode = execution.ExitCode, StartedUtc = execution.StartedUtc };
            var status = Classify(execution);
            if (status != CwlJobStatus.Success)
            {
                var why = execution.TimedOut ? $"time limit of {prepared.TimeLimit} exceeded" : $"exit code {execution.ExitCode}";
                throw new CwlJobFailedException(status, $"{_name}: {why}; see {stderrPath}");
            }

            runtime["exitCode"] = execution.ExitCode;
            var outputs = new OutputCollector(_eval, _tool, inputs, runtime, _outdir, stdoutPath, stderrPath, _stagedSources).Collect();
            var finished = DateTimeOffset.UtcNow;
            _ctx.Record(record with { Outputs = (JsonObject)outputs.DeepClone(), Status = CwlJobStatus.Success, FinishedUtc = finished });
            _ctx.Publish(new CwlJobEvent(jobId, _name, CwlJobState.Finished, finished) { ExitCode = execution.ExitCode, StdoutPath = stdoutPath, StderrPath = stderrPath });
            return outputs;
        }
        catch (Exception ex) when (ex is CwlJobFailedException or CwlExpressionException or CwlValidationException or IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            var status = ex switch
            {
                CwlJobFailedException f => f.Status,
                OperationCanceledException => CwlJobStatus.Cancelled,
                _ => CwlJobStatus.PermanentFailure,
            };
            var finished = DateTimeOffset.UtcNow;
            _ctx.Record(record with { Status = status, Message = ex.Message, FinishedUtc = finished, CommandLine = argv, StdoutPath = stdoutPath, StderrPath = stderrPath });
            _ctx.Publish(new CwlJobEvent(jobId, _name, CwlJobState.Failed, finished) { ExitCode = record.ExitCode, Message = ex.Message, StdoutPath = stdoutPath, StderrPath = stderrPath });
            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw ex as CwlJobFailedException ?? new CwlJobFailedException(status, $"{_name}: {ex.Message}");
        }
    }

    private CwlJobStatus Classify(CwlJobExecution execution)
    {
        if (execution.TimedOut)
        {
            return CwlJobStatus.PermanentFailure;
        }

        var code = execution.ExitCode;
        if (_tool.SuccessCodes.Contains(code) || (code == 0 && _tool.SuccessCodes.Count == 0 && !_tool.PermanentFailCodes.Contains(0) && !_tool.TemporaryFailCodes.Contains(0)))
        {
            return CwlJobStatus.Success;
        }

        return _tool.TemporaryFailCodes.Contains(code) ? CwlJobStatus.TemporaryFailure : CwlJobStatus.PermanentFailure;
    }

    private string? Stream(JsonNode? spec, ExpressionScope scope, string what)
    {
        if (spec is null)
        {
            return null;
        }

        var value = _eval.Evaluate(spec, scope);
        if (value is null)
        {
            return null;
        }

        if (value is JsonObject fo && Types.ClassOf(fo) == "File")
        {
            return FileObjects.Str(fo["path"]);
        }

        return FileObjects.Str(value) ?? throw new CwlExpressionException($"{what} must evaluate to a string, got {Types.DescribeValue(value)}");
    }

    /// <summary>A path for a name relative to the output directory; anything escaping it is an error.</summary>
    private string InsideOutdir(string name, string what)
    {
        var full = Path.GetFullPath(Path.IsPathRooted(name) ? name : Path.Combine(_outdir, name));
        if (full != _outdir && !full.StartsWith(_outdir + "/", StringComparison.Ordinal))
        {
            throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"{what} '{name}' points outside the job's output directory");
        }

        return full;
    }

    private (int Cores, long Ram) Resources(JsonObject inputs, JsonObject runtime)
    {
        var req = _reqs.Find("ResourceRequirement");
        if (req is null)
        {
            return (1, 256);
        }

        long Get(string min, string max, long dflt)
        {
            var scope = new ExpressionScope(inputs, null, null);
            var lo = Number(_eval.Evaluate(req[min], scope));
            var hi = Number(_eval.Evaluate(req[max], scope));
            var v = lo ?? (hi is { } h ? Math.Min(h, dflt) : dflt);
            return (long)Math.Ceiling(v);
        }

        var cores = Get("coresMin", "coresMax", 1);
        var ram = Get("ramMin", "ramMax", 256);
        runtime["cores"] = cores;
        runtime["ram"] = ram;
        runtime["outdirSize"] = Get("outdirMin", "outdirMax", 1024);
        runtime["tmpdirSize"] = Get("tmpdirMin", "tmpdirMax", 1024);
        return ((int)Math.Max(1, cores), ram);
    }

    private static double? Number(JsonNode? n) => Types.Number(n);

    private TimeSpan? TimeLimit(JsonObject inputs, JsonObject runtime)
    {
        if (_reqs.Find("ToolTimeLimit") is not { } req)
        {
            return null;
        }

        var v = Number(_eval.Evaluate(req["timelimit"], new ExpressionScope(inputs, null, runtime)));
        if (v is null || v < 0)
        {
            throw new CwlExpressionException("ToolTimeLimit.timelimit must be a non-negative number of seconds");
        }

        return v == 0 ? null : TimeSpan.FromSeconds(v.Value);
    }

    private bool NetworkAccess(JsonObject inputs, JsonObject runtime)
    {
        if (_reqs.Find("NetworkAccess") is not { } req)
        {
            return false;
        }

        return _eval.Evaluate(req["networkAccess"], new ExpressionScope(inputs, null, runtime)) is JsonValue v && v.TryGetValue<bool>(out var b) && b;
    }

    private Dictionary<string, string> Environment(JsonObject inputs, JsonObject runtime, string tmpdir, string home)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = home,
            ["TMPDIR"] = tmpdir,
        };

        // In a container PATH is the image's own (CWL 1.2 §Runtime environment); on the host it is inherited.
        if (_image is null)
        {
            env["PATH"] = System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        }

        if (_reqs.Find("EnvVarRequirement") is { } req)
        {
            var scope = new ExpressionScope(inputs, null, runtime);
            switch (req["envDef"])
            {
                case JsonArray defs:
                    foreach (var d in defs.OfType<JsonObject>())
                    {
                        if (FileObjects.Str(d["envName"]) is { } name)
                        {
                            env[name] = JsonText.ToText(_eval.Evaluate(d["envValue"], scope));
                        }
                    }

                    break;
                case JsonObject map:
                    foreach (var (name, value) in map)
                    {
                        var v = value is JsonObject vo ? vo["envValue"] : value;
                        env[name] = JsonText.ToText(_eval.Evaluate(v, scope));
                    }

                    break;
            }
        }

        return env;
    }

    /// <summary>Makes the image present and describes the container: the job's directories and staged inputs mounted at their host paths.</summary>
    private async Task<ContainerJob> ContainerFor(CwlPreparedJob prepared, string jobId)
    {
        var image = _image!;
        var runtime = _ctx.Containers!;
        _imageId = await runtime.EnsureImageAsync(image, _jobDir, _ctx.Cancellation).ConfigureAwait(false);
        var workdir = _outdir;
        if (image.OutputDirectory is { } od)
        {
            // The output directory is seen at both paths: the tool may write to either.
            _extraMounts.Add(new ContainerMount(_outdir, od, false));
            workdir = od;
        }

        var inplace = _reqs.Find("InplaceUpdateRequirement") is { } ip && ip["inplaceUpdate"] is JsonValue iv && iv.TryGetValue<bool>(out var b) && b;
        var env = new Dictionary<string, string>(prepared.Environment, StringComparer.Ordinal);
        return new ContainerJob
        {
            Image = image.Name,
            ContainerName = "stoa-" + Guid.NewGuid().ToString("N")[..12] + "-" + jobId,
            Mounts = ContainerMounts.Collect(_outdir, prepared.TempDirectory, _stageDir, inplace, _extraMounts),
            WorkingDirectory = workdir,
            Environment = env,
            NetworkAccess = prepared.NetworkAccess,
            Cores = prepared.Cores,
            RamMebibytes = prepared.RamMebibytes,
        };
    }
}
