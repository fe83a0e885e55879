using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Stoa.Cwl.Execution;

using Stoa.Cwl.Running;

namespace Stoa.Cwl.Containers;

/// <summary>
/// What a <c>DockerRequirement</c> asks for: the image to run and how to obtain it when it is not present
/// (pull, load a saved image, build a Dockerfile, import a root file system tarball).
/// </summary>
internal sealed record DockerImage
{
    public string? Pull { get; init; }

    /// <summary>Local path of an image archive (<c>docker save</c> / <c>podman save</c>) for <c>dockerLoad</c>.</summary>
    public string? Load { get; init; }

    /// <summary>Dockerfile text for <c>dockerFile</c>, built locally with an empty context.</summary>
    public string? File { get; init; }

    /// <summary>Local path of a root file system tarball for <c>dockerImport</c>.</summary>
    public string? Import { get; init; }

    public string? ImageId { get; init; }

    /// <summary>Where the output directory is mounted inside the container, or null for its host path.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>
    /// The name the container runs: dockerImageId when given (it names what dockerFile/dockerLoad/dockerImport
    /// produce), else dockerPull, else a name derived from the Dockerfile text so an unchanged file is built once.
    /// </summary>
    public string Name =>
        ImageId ?? Pull ?? (File is { } f ? "localhost/stoa-dockerfile:" + Hash(f) : Import is { } i ? "localhost/stoa-import:" + Hash(i) : throw new InvalidOperationException("no image"));

    /// <summary>Reads the requirement; paths of dockerLoad/dockerImport are relative to <paramref name="documentFile"/>.</summary>
    public static DockerImage From(JsonObject requirement, string documentFile)
    {
        string? Text(string key) => FileObjects.Str(requirement[key]) is { Length: > 0 } s ? s : null;
        string? LocalFile(string key) => Text(key) is { } location ? Resolve(location, documentFile) : null;
        var image = new DockerImage
        {
            Pull = Text("dockerPull"),
            Load = LocalFile("dockerLoad"),
            File = Text("dockerFile"),
            Import = LocalFile("dockerImport"),
            ImageId = Text("dockerImageId"),
            OutputDirectory = Text("dockerOutputDirectory"),
        };
        if (image.Pull is null && image.Load is null && image.File is null && image.Import is null && image.ImageId is null)
        {
            throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, "DockerRequirement names no image (dockerPull, dockerLoad, dockerFile, dockerImport or dockerImageId)");
        }

        if (image.OutputDirectory is { } od && !od.StartsWith('/'))
        {
            throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"DockerRequirement.dockerOutputDirectory '{od}' must be an absolute path");
        }

        return image;
    }

    private static string Resolve(string location, string documentFile)
    {
        var path = location.StartsWith("file://", StringComparison.Ordinal) ? new Uri(location).LocalPath : location;
        if (path.Contains("://", StringComparison.Ordinal))
        {
            throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"DockerRequirement: only local files can be loaded or imported, not '{location}'");
        }

        return Path.GetFullPath(path, Path.GetDirectoryName(Path.GetFullPath(documentFile))!);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
