using System.CommandLine;
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

    /// <summary>
    /// The same options declared for a command parsed the ordinary way (<c>stoa table recompute</c>); read them back
    /// with <see cref="CommandOptions.Select"/>, which runs them through <see cref="TryTake"/> so both commands accept
    /// exactly the same.
    /// </summary>
    internal sealed class CommandOptions
    {
        private readonly Option<string?> _backend = new("--backend") { Description = "Where the rows' jobs run: local (default) or slurm (sbatch; the project directory must be on a file system the nodes share)." };
        private readonly Option<string?> _partition = new("--slurm-partition") { Description = "Slurm partition." };
        private readonly Option<string?> _account = new("--slurm-account") { Description = "Slurm account." };
        private readonly Option<string?> _qos = new("--slurm-qos") { Description = "Slurm quality of service." };
        private readonly Option<string?> _control = new("--slurm-control-dir") { Description = "Directory for the generated batch scripts and job states (default: beside the project)." };
        private readonly Option<string[]> _sbatch = new("--slurm-sbatch-arg") { Description = "An extra sbatch argument; repeat." };
        private readonly Option<bool> _noArrays = new("--slurm-no-arrays") { Description = "Submit every job on its own instead of gathering bursts into job arrays." };

        /// <summary>Adds the options to <paramref name="command"/>.</summary>
        public void AddTo(Command command)
        {
            foreach (Option o in new Option[] { _backend, _partition, _account, _qos, _control, _sbatch, _noArrays })
            {
                command.Options.Add(o);
            }
        }

        /// <summary>The selection the options of <paramref name="parse"/> make, or an error message.</summary>
        public (CwlBackendSelection? Selection, string? Error) Select(ParseResult parse)
        {
            var tokens = new List<string>();
            foreach (var option in new[] { _backend, _partition, _account, _qos, _control })
            {
                if (parse.GetValue(option) is { } value)
                {
                    tokens.AddRange([option.Name, value]);
                }
            }

            tokens.AddRange((parse.GetValue(_sbatch) ?? []).SelectMany(v => new[] { _sbatch.Name, v }));
            if (parse.GetValue(_noArrays))
            {
                tokens.Add(_noArrays.Name);
            }

            var selection = new CwlBackendSelection();
            for (var i = 0; i < tokens.Count; i++)
            {
                if (selection.TryTake(tokens, ref i) is { Length: > 0 } error)
                {
                    return (null, error);
                }
            }

            return (selection, null);
        }
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
