namespace Stoa.Cwl;

/// <summary>
/// The document needs a feature this engine does not provide (for example DockerRequirement under
/// <c>requirements</c> with containers turned off or no podman/docker on PATH). Runners exit with code 33 for it.
/// </summary>
public sealed class CwlUnsupportedFeatureException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which feature, and where.</param>
    public CwlUnsupportedFeatureException(string message)
        : base(message)
    {
    }
}
