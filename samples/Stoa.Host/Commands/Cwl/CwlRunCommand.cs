using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stoa.Cwl;

namespace Stoa.Host.Commands.Cwl;

/// <summary>
/// `stoa cwl run [--outdir DIR] [--quiet] [--parallel N] TOOL[#id] [JOB] [--input value …]`: the output object
/// as JSON on stdout and nothing else; logs on stderr; exit 0 on success, 1 on failure, 33 when unsupported.
/// </summary>
internal static class CwlRunCommand
{
    private const int Unsupported = 33;

    public static Command Create()
    {
        var run = new Command("run", "Run a CommandLineTool, ExpressionTool or Workflow; print the output object as JSON.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        run.Options.Add(new Option<string>("--outdir") { Description = "Directory for the outputs (default: current directory)." });
        run.Options.Add(new Option<bool>("--quiet") { Description = "Only errors on stderr." });
        run.Options.Add(new Option<int>("--parallel") { Description = "Jobs at the same time (default: number of cores)." });
        run.Options.Add(new Option<string>("--tmpdir") { Description = "Root for per-job directories." });
        run.Options.Add(new Option<string>("--provenance") { Description = "Write the run's CWLProv research object (W3C PROV in four formats, BagIt) into this new directory." });
        run.Options.Add(new Option<string>("--orcid") { Description = "With --provenance: the ORCID iD of the person running the workflow." });
        run.Options.Add(new Option<bool>("--keep-temp") { Description = "Keep per-job directories and logs." });
        run.Options.Add(new Option<bool>("--continue-on-failure") { Description = "Finish every job that does not depend on a failed one." });
        run.Options.Add(new Option<bool>("--no-container") { Description = "Run tools on the host even when they have a DockerRequirement (one under requirements is then an error)." });
        run.Options.Add(new Option<string>("--container-engine") { Description = "podman or docker for tools with a DockerRequirement (default: podman if on PATH, else docker)." });
        run.Options.Add(new Option<string>("--backend") { Description = "Where jobs run: local (default) or slurm (sbatch; job directories must be on a shared file system)." });
        run.Options.Add(new Option<string>("--slurm-partition") { Description = "Slurm partition (also --slurm-account, --slurm-qos, --slurm-sbatch-arg ARG, --slurm-control-dir DIR, --slurm-no-arrays)." });
        run.Arguments.Add(new Argument<string[]>("TOOL [JOB] [--input value ...]") { Arity = ArgumentArity.ZeroOrMore });
        run.SetAction((parse, ct) => RunAsync(RawArguments(parse), ct));
        return run;
    }

    /// <summary>The tokens after `run`, in order (inputs like `--x 5` must keep their order and values).</summary>
    private static List<string> RawArguments(ParseResult parse)
    {
        var tokens = parse.Tokens.Select(t => t.Value).ToList();
        var i = tokens.IndexOf("run");
        return i < 0 ? tokens : tokens.Skip(i + 1).ToList();
    }

    private static async Task<int> RunAsync(List<string> args, CancellationToken ct)
    {
        string outdir = Directory.GetCurrentDirectory();
        string? tmpdir = null;
        string? provenance = null;
        string? orcid = null;
        var quiet = false;
        var keep = false;
        var finishRunnable = false;
        var parallel = Environment.ProcessorCount;
        string? tool = null;
        string? job = null;
        var inputArgs = new List<string>();
        var backend = new CwlBackendSelection();
        var parallelGiven = false;
        var containers = CwlContainerEngine.Auto;
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (tool is null)
            {
                if (backend.TryTake(args, ref i) is { } taken)
                {
                    if (taken.Length > 0)
                    {
                        await Console.Error.WriteLineAsync($"stoa cwl run: {taken}").ConfigureAwait(false);
                        return 2;
                    }

                    continue;
                }

                switch (a)
                {
                    case "--outdir" when i + 1 < args.Count:
                        outdir = args[++i];
                        continue;
                    case "--provenance" when i + 1 < args.Count:
                        provenance = args[++i];
                        continue;
                    case "--orcid" when i + 1 < args.Count:
                        orcid = args[++i];
                        continue;
                    case "--tmpdir" when i + 1 < args.Count:
                        tmpdir = args[++i];
                        continue;
                    case "--parallel" when i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p):
                        parallel = Math.Max(1, p);
                        parallelGiven = true;
                        i++;
                        continue;
                    case "--quiet":
                        quiet = true;
                        continue;
                    case "--keep-temp":
                        keep = true;
                        continue;
                    case "--continue-on-failure":
                        finishRunnable = true;
                        continue;
                    case "--no-container":
                        containers = CwlContainerEngine.None;
                        continue;
                    case "--container-engine" when i + 1 < args.Count:
                        containers = args[++i] switch
                        {
                            "podman" => CwlContainerEngine.Podman,
                            "docker" => CwlContainerEngine.Docker,
                            _ => CwlContainerEngine.Auto,
                        };
                        if (containers == CwlContainerEngine.Auto)
                        {
                            await Console.Error.WriteLineAsync($"stoa cwl run: --container-engine must be 'podman' or 'docker', not '{args[i]}'").ConfigureAwait(false);
                            return 2;
                        }

                        continue;
                }

                if (a.StartsWith("--", StringComparison.Ordinal))
                {
                    await Console.Error.WriteLineAsync($"stoa cwl run: unknown option {a}").ConfigureAwait(false);
                    return 2;
                }

                tool = a;
            }
            else if (job is null && inputArgs.Count == 0 && !a.StartsWith("--", StringComparison.Ordinal))
            {
                job = a;
            }
            else
            {
                inputArgs.Add(a);
            }
        }

        if (orcid is not null && !RunProvenance.IsOrcid(orcid))
        {
            await Console.Error.WriteLineAsync($"stoa cwl run: --orcid '{orcid}' is not an ORCID iD (0000-0000-0000-0000)").ConfigureAwait(false);
            return 2;
        }

        if (provenance is not null && Directory.Exists(provenance) && Directory.EnumerateFileSystemEntries(provenance).Any())
        {
            await Console.Error.WriteLineAsync($"stoa cwl run: --provenance {provenance}: the directory exists and is not empty").ConfigureAwait(false);
            return 2;
        }

        if (tool is null)
        {
            await Console.Error.WriteLineAsync("usage: stoa cwl run [--outdir DIR] [--quiet] [--parallel N] [--no-container | --container-engine podman|docker] [--backend local|slurm] [--slurm-partition P] TOOL[#id] [JOB] [--input value ...]").ConfigureAwait(false);
            return 2;
        }

        try
        {
            var document = CwlDocument.Load(tool);
            var inputs = job is null ? [] : CwlInputObject.Load(job);
            if (inputArgs.Count > 0)
            {
                inputs = CwlInputObject.FromArguments(document, inputArgs, Directory.GetCurrentDirectory(), inputs);
            }

            // On a cluster the scheduler decides what runs when: hand it every ready job unless told otherwise.
            await using var slurm = backend.CreateBackend(tmpdir);
            var engine = new CwlEngine(new CwlEngineOptions
            {
                OutputDirectory = outdir,
                TempDirectory = tmpdir,
                Parallel = slurm is not null && !parallelGiven ? 1000 : parallel,
                TotalCores = slurm is not null ? int.MaxValue : Environment.ProcessorCount,
                Backend = slurm,
                KeepTempFiles = keep,
                ContainerEngine = containers,
                FailurePolicy = finishRunnable ? CwlFailurePolicy.FinishRunnable : CwlFailurePolicy.StopOnFirstFailure,
            });
            // A person at a terminal gets a progress bar; a log or a harness reading stderr gets one line per event.
            var showBar = !quiet && !Console.IsErrorRedirected;
            if (!quiet && !showBar)
            {
                engine.JobEvent += (_, e) => Console.Error.WriteLine(Describe(e));
            }

            var result = showBar
                ? await CwlRunProgress.ShowAsync(engine, () => engine.RunAsync(document, inputs, ct)).ConfigureAwait(false)
                : await engine.RunAsync(document, inputs, ct).ConfigureAwait(false);
            if (provenance is not null)
            {
                // A failed run is exported too: its failing job carries its exit code and state, nothing is invented.
                var summary = RunProvenance.Write(provenance, result, document, orcid);
                if (!quiet)
                {
                    await Console.Error.WriteLineAsync(summary).ConfigureAwait(false);
                }
            }

            if (slurm is not null && !quiet)
            {
                await Console.Error.WriteLineAsync($"slurm: {slurm.Submissions} submissions, {slurm.SchedulerCalls} scheduler calls").ConfigureAwait(false);
            }

            if (result.Status != CwlJobStatus.Success || result.Outputs is null)
            {
                await Console.Error.WriteLineAsync($"stoa cwl run: {result.Status}: {result.Message}").ConfigureAwait(false);
                foreach (var failed in result.Jobs.Where(j => j.Status is CwlJobStatus.PermanentFailure or CwlJobStatus.TemporaryFailure))
                {
                    await TailAsync(failed).ConfigureAwait(false);
                }

                return 1;
            }

            await using var stdout = Console.OpenStandardOutput();
            await using (var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                result.Outputs.WriteTo(writer);
            }

            await stdout.WriteAsync("\n"u8.ToArray(), ct).ConfigureAwait(false);
            return 0;
        }
        catch (CwlValidationException ex)
        {
            foreach (var e in ex.Errors)
            {
                await Console.Error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            }

            return 1;
        }
        catch (CwlUnsupportedFeatureException ex)
        {
            await Console.Error.WriteLineAsync("stoa cwl run: unsupported: " + ex.Message).ConfigureAwait(false);
            return Unsupported;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("stoa cwl run: cancelled").ConfigureAwait(false);
            return 130;
        }
    }

    private static string Describe(CwlJobEvent e)
    {
        var text = $"[{e.TimestampUtc:HH:mm:ss.fff}] {e.State,-8} {e.Name} ({e.JobId})";
        if (e.ExitCode is { } code)
        {
            text += $" exit {code}";
        }

        return e.Message is null ? text : text + ": " + e.Message;
    }

    private static async Task TailAsync(CwlJobRecord job)
    {
        if (job.CommandLine.Count > 0)
        {
            await Console.Error.WriteLineAsync($"  {job.Name}: {string.Join(' ', job.CommandLine)}").ConfigureAwait(false);
        }

        if (job.StderrPath is { } err && File.Exists(err))
        {
            var lines = await File.ReadAllLinesAsync(err).ConfigureAwait(false);
            foreach (var line in lines.TakeLast(20))
            {
                await Console.Error.WriteLineAsync("  | " + line).ConfigureAwait(false);
            }
        }
    }
}
