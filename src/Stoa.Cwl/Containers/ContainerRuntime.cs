using System.Globalization;

using Stoa.Cwl.Running;

namespace Stoa.Cwl.Containers;

/// <summary>
/// podman or docker driven through its command line: both take the same <c>run</c> options for what CWL needs
/// (mounts, user, network, limits), so one class serves both and only the few differences are branched on.
/// </summary>
internal sealed partial class ContainerRuntime
{
    private ContainerRuntime(string executable, bool isPodman)
    {
        Executable = executable;
        IsPodman = isPodman;
    }

    /// <summary>Absolute path of the podman or docker program.</summary>
    public string Executable { get; }

    public bool IsPodman { get; }

    public string Name => IsPodman ? "podman" : "docker";

    /// <summary>
    /// The runtime for <paramref name="engine"/>: null for <see cref="CwlContainerEngine.None"/> and for
    /// <see cref="CwlContainerEngine.Auto"/> when neither program is on PATH.
    /// </summary>
    /// <exception cref="CwlUnsupportedFeatureException">podman or docker was asked for and is not on PATH.</exception>
    public static ContainerRuntime? Find(CwlContainerEngine engine)
    {
        switch (engine)
        {
            case CwlContainerEngine.None:
                return null;
            case CwlContainerEngine.Podman:
            case CwlContainerEngine.Docker:
                var name = engine == CwlContainerEngine.Podman ? "podman" : "docker";
                return OnPath(name) is { } exe
                    ? new ContainerRuntime(exe, engine == CwlContainerEngine.Podman)
                    : throw new CwlUnsupportedFeatureException($"container engine '{name}' is not on PATH");
            default:
                return OnPath("podman") is { } podman ? new ContainerRuntime(podman, true)
                    : OnPath("docker") is { } docker ? new ContainerRuntime(docker, false)
                    : null;
        }
    }

    private static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    /// <summary>The host command that runs <paramref name="argv"/> in the container described by <paramref name="job"/>.</summary>
    public IReadOnlyList<string> RunCommand(ContainerJob job, IReadOnlyList<string> argv)
    {
        // --rm: nothing is left behind by a normal exit; --pull never: the image was made present before, and a
        // run must never reach for a registry on its own. -i keeps stdin attached (it is the job's stdin file).
        var c = new List<string> { Executable, "run", "--rm", "-i", "--name", job.ContainerName, "--pull", "never" };
        if (!job.NetworkAccess)
        {
            c.AddRange(["--network", "none"]);
        }

        var (uid, gid) = Identity.Value;
        if (IsPodman && uid != 0)
        {
            // Rootless podman maps the user to root in its namespace; keep-id maps it to itself so that files in
            // the output directory belong to the user on the host as well.
            c.AddRange(["--userns", "keep-id"]);
        }

        c.AddRange(["--user", uid.ToString(CultureInfo.InvariantCulture) + ":" + gid.ToString(CultureInfo.InvariantCulture)]);
        // No --ulimit: one given here replaces all of the engine's configured defaults, and what a machine permits
        // (podman's own defaults fail on some) is known to its set-up, containers.conf default_ulimits.
        var cpus = Math.Clamp(job.Cores, 1, Environment.ProcessorCount);
        c.AddRange(["--cpus", cpus.ToString(CultureInfo.InvariantCulture)]);
        // Engines refuse limits below a few MiB (docker: 6 MiB); a tool asking for less gets that floor.
        c.AddRange(["--memory", Math.Max(job.RamMebibytes, 8).ToString(CultureInfo.InvariantCulture) + "m"]);
        c.AddRange(["--workdir", job.WorkingDirectory]);
        foreach (var m in job.Mounts)
        {
            c.AddRange(Mount(m));
        }

        foreach (var (k, v) in job.Environment.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            c.AddRange(["--env", k + "=" + v]);
        }

        c.Add(job.Image);
        c.AddRange(argv);
        return c;
    }

    /// <summary>
    /// --volume separates its fields with ':', --mount with ','; a path may hold one of them, not both.
    /// </summary>
    private static string[] Mount(ContainerMount m)
    {
        if (!m.Source.Contains(':', StringComparison.Ordinal) && !m.Target.Contains(':', StringComparison.Ordinal))
        {
            return ["--volume", m.Source + ":" + m.Target + (m.ReadOnly ? ":ro" : ":rw")];
        }

        if (!m.Source.Contains(',', StringComparison.Ordinal) && !m.Target.Contains(',', StringComparison.Ordinal))
        {
            return ["--mount", "type=bind,source=" + m.Source + ",destination=" + m.Target + (m.ReadOnly ? ",readonly" : "")];
        }

        throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"cannot mount '{m.Source}' into a container: its path holds both ':' and ','");
    }

    /// <summary>
    /// Runs the container through <paramref name="backend"/> (locally or in a Slurm batch script, the same
    /// command). Killing the engine's client does not stop the container, so after a time-out, a cancellation or
    /// an engine error the container is removed by name.
    /// </summary>
    public async Task<CwlJobExecution> ExecuteAsync(ICwlExecutionBackend backend, CwlPreparedJob job, ContainerJob container, CancellationToken cancellationToken)
    {
        var hostJob = job with { CommandLine = RunCommand(container, job.CommandLine), Environment = ClientEnvironment() };
        CwlJobExecution execution;
        try
        {
            execution = await backend.ExecuteAsync(hostJob, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await RemoveAsync(container.ContainerName).ConfigureAwait(false);
            throw;
        }

        // 125 and above: the engine failed, or the client was killed by a signal; the container may still be there.
        if (execution.TimedOut || execution.ExitCode >= 125)
        {
            await RemoveAsync(container.ContainerName).ConfigureAwait(false);
        }

        return execution;
    }

    /// <summary>Force-removes a container (killing it first); a container that is already gone is not an error.</summary>
    public async Task RemoveAsync(string containerName)
    {
        string[] args = IsPodman ? ["rm", "--force", "--ignore", "--time", "0", containerName] : ["rm", "--force", containerName];
        await CliAsync(args, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>True when a container of that name exists (running or not).</summary>
    public async Task<bool> ContainerExistsAsync(string containerName)
    {
        var (code, output, _) = await CliAsync(["ps", "--all", "--quiet", "--filter", "name=^" + containerName + "$"], CancellationToken.None).ConfigureAwait(false);
        return code == 0 && output.Trim().Length > 0;
    }

    /// <summary>
    /// The engine client's own environment: what podman/docker need to find their runtime, storage and daemon
    /// (never the tool's variables, which go into the container with --env).
    /// </summary>
    private static Dictionary<string, string> ClientEnvironment()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            var key = (string)e.Key;
            if (key is "PATH" or "HOME" or "USER" or "LOGNAME" or "TMPDIR" || key.StartsWith("XDG_", StringComparison.Ordinal) ||
                key.StartsWith("CONTAINERS_", StringComparison.Ordinal) || key.StartsWith("DOCKER_", StringComparison.Ordinal))
            {
                env[key] = (string?)e.Value ?? "";
            }
        }

        env.TryAdd("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        return env;
    }

    private Task<(int Code, string Output, string Error)> CliAsync(IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        ClientProgram.RunAsync(Executable, args, cancellationToken);

    /// <summary>The real uid and gid of this process (from /proc, which needs no native call).</summary>
    private static readonly Lazy<(int Uid, int Gid)> Identity = new(() =>
    {
        int uid = 0, gid = 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                uid = int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("Gid:", StringComparison.Ordinal))
            {
                gid = int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            }
        }

        return (uid, gid);
    });
}
