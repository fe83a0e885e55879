namespace Stoa.Cwl;

/// <summary>Which container engine runs tools that have a <c>DockerRequirement</c>.</summary>
public enum CwlContainerEngine
{
    /// <summary>podman when it is on PATH, else docker, else none (the default).</summary>
    Auto,

    /// <summary>podman (rootful or rootless); an error when it is not on PATH.</summary>
    Podman,

    /// <summary>docker (a reachable Docker daemon); an error when it is not on PATH.</summary>
    Docker,

    /// <summary>
    /// No container: tools run on the host. A <c>DockerRequirement</c> under <c>hints</c> is ignored; one under
    /// <c>requirements</c> fails the job with <see cref="CwlUnsupportedFeatureException"/>.
    /// </summary>
    None,
}
