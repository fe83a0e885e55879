namespace Stoa.Cwl.Containers;

/// <summary>A bind mount: a host path seen at <paramref name="Target"/> inside the container.</summary>
internal readonly record struct ContainerMount(string Source, string Target, bool ReadOnly);

/// <summary>Everything a container needs besides the tool's command line.</summary>
internal sealed record ContainerJob
{
    /// <summary>Image name (tag) to run; it exists locally (see <see cref="ContainerRuntime.EnsureImageAsync"/>).</summary>
    public required string Image { get; init; }

    /// <summary>Unique container name, so that the container can be removed after a kill.</summary>
    public required string ContainerName { get; init; }

    public required IReadOnlyList<ContainerMount> Mounts { get; init; }

    public required string WorkingDirectory { get; init; }

    /// <summary>Variables set inside the container on top of the image's own (HOME, TMPDIR, EnvVarRequirement).</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public bool NetworkAccess { get; init; }

    public int Cores { get; init; } = 1;

    public long RamMebibytes { get; init; } = 256;
}
