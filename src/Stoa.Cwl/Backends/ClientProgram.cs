using System.Diagnostics;

namespace Stoa.Cwl;

/// <summary>
/// Runs a client program of a service the engine drives (Slurm's sbatch/squeue/scancel, podman/docker) with its
/// stdin closed, and captures what it prints. Cancelling kills it.
/// </summary>
internal static class ClientProgram
{
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string executable, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        using var process = Start(executable, arguments);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>
    /// The same, blocking: for callers that are synchronous themselves (a worktable's file check asks the container
    /// engine for image ids), where wrapping the asynchronous call would block a thread-pool thread instead.
    /// </summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static (int ExitCode, string Stdout, string Stderr) Run(string executable, IEnumerable<string> arguments)
    {
        using var process = Start(executable, arguments);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
    }

    private static Process Start(string executable, IEnumerable<string> arguments)
    {
        var psi = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {executable}");
        process.StandardInput.Close();
        return process;
    }
}
