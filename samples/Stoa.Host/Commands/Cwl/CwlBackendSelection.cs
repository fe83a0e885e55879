using Stoa.Cwl;

namespace Stoa.Host.Commands.Cwl;

/// <summary>
/// The `--backend local|slurm` family of options of `stoa cwl run`: which backend runs the jobs, and the Slurm
/// knobs (`--slurm-partition`, `--slurm-account`, `--slurm-qos`, `--slurm-control-dir`, `--slurm-sbatch-arg`,
/// `--slurm-no-arrays`).
/// </summary>
internal sealed class CwlBackendSelection
{
    private readonly List<string> extraSbatch = [];

    /// <summary>True for `--backend slurm`.</summary>
    public bool IsSlurm { get; private set; }

    private string? Partition { get; set; }

    private string? Account { get; set; }

    private string? Qos { get; set; }

    private string? ControlDirectory { get; set; }

    private bool NoArrays { get; set; }

    /// <summary>Consumes the option at <paramref name="i"/> (and its value) if it is one of ours.</summary>
    /// <returns>Null when the option is not ours; otherwise an error message, or empty when it was taken.</returns>
    public string? TryTake(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        if (name == "--slurm-no-arrays")
        {
            NoArrays = true;
            return string.Empty;
        }

        if (name is not ("--backend" or "--slurm-partition" or "--slurm-account" or "--slurm-qos" or "--slurm-control-dir" or "--slurm-sbatch-arg"))
        {
            return null;
        }

        if (i + 1 >= args.Count)
        {
            return $"{name} needs a value";
        }

        var value = args[++i];
        switch (name)
        {
            case "--backend" when value is "local" or "slurm":
                IsSlurm = value == "slurm";
                break;
            case "--backend":
                return $"--backend must be 'local' or 'slurm', not '{value}'";
            case "--slurm-partition":
                Partition = value;
                break;
            case "--slurm-account":
                Account = value;
                break;
            case "--slurm-qos":
                Qos = value;
                break;
            case "--slurm-control-dir":
                ControlDirectory = value;
                break;
            default:
                extraSbatch.Add(value);
                break;
        }

        return string.Empty;
    }

    /// <summary>The backend to hand the engine: null for the engine's default (local processes).</summary>
    /// <param name="tempDirectory">The run's `--tmpdir`; Slurm's scripts go beside the job directories by default.</param>
    public SlurmBackend? CreateBackend(string? tempDirectory) => IsSlurm
        ? new SlurmBackend(new SlurmBackendOptions
        {
            ControlDirectory = ControlDirectory ?? Path.Combine(tempDirectory ?? Path.GetTempPath(), "stoa-slurm-" + Guid.NewGuid().ToString("N")[..12]),
            Partition = Partition,
            Account = Account,
            Qos = Qos,
            ExtraSbatchArguments = extraSbatch,
            UseJobArrays = !NoArrays,
        })
        : null;
}
