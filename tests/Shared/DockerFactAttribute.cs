using System.Diagnostics;

namespace Stoa.Tests.Shared;

/// <summary>
/// A fact that needs a reachable Docker daemon (<c>DOCKER_HOST</c>, else <c>/var/run/docker.sock</c>): skipped,
/// saying why, when there is none — except under CI (<c>CI=true</c>), where a missing daemon fails the test.
/// </summary>
internal sealed class DockerFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Missing = new(MissingReason);

    public DockerFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = Missing.Value;
        }
    }

    private static string? MissingReason()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("docker", ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var stderr = p.StandardError.ReadToEndAsync();
            p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                p.Kill(entireProcessTree: true);
                return "docker info did not answer within 30 s";
            }

            return p.ExitCode == 0 ? null : "no Docker daemon is reachable (start dockerd): " + stderr.Result.Trim().Split('\n')[^1];
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "docker is not on PATH";
        }
    }
}
