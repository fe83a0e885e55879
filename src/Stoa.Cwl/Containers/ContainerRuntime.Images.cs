using System.Collections.Concurrent;

using Stoa.Cwl.Running;

namespace Stoa.Cwl.Containers;

internal sealed partial class ContainerRuntime
{
    // One attempt per image and runtime: the jobs of a scatter share the pull/build instead of racing it.
    private readonly ConcurrentDictionary<DockerImage, Lazy<Task<string>>> _images = new();

    /// <summary>
    /// Makes the image present locally and returns its id (<c>sha256:…</c>, the digest of its configuration).
    /// A present image is used as it is; otherwise the local ways (dockerLoad, dockerFile, dockerImport) come
    /// before dockerPull, because they need no registry.
    /// </summary>
    /// <param name="image">The requirement.</param>
    /// <param name="scratch">A directory for the Dockerfile build context.</param>
    /// <param name="cancellationToken">Cancels a pull or build.</param>
    public Task<string> EnsureImageAsync(DockerImage image, string scratch, CancellationToken cancellationToken) =>
        _images.GetOrAdd(image, _ => new Lazy<Task<string>>(() => ObtainAsync(image, scratch, cancellationToken))).Value;

    private async Task<string> ObtainAsync(DockerImage image, string scratch, CancellationToken ct)
    {
        var name = image.Name;
        if (await ImageIdAsync(name).ConfigureAwait(false) is { } present)
        {
            return present;
        }

        if (image.Load is { } archive)
        {
            var (code, output, error) = await CliAsync(["load", "--input", archive], ct).ConfigureAwait(false);
            Check(code, error, $"could not load {archive}");
            // The archive names its own image; the tool refers to it by dockerImageId or dockerPull.
            var loaded = output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("Loaded image", StringComparison.Ordinal))
                .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault();
            if (loaded is not null && await ImageIdAsync(name).ConfigureAwait(false) is null)
            {
                (code, _, error) = await CliAsync(["tag", loaded, name], ct).ConfigureAwait(false);
                Check(code, error, $"could not tag {loaded} from {archive} as {name}");
            }
        }
        else if (image.File is { } dockerfile)
        {
            var context = Path.Combine(scratch, "dockerfile-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(context);
            try
            {
                await File.WriteAllTextAsync(Path.Combine(context, "Dockerfile"), dockerfile, ct).ConfigureAwait(false);
                var (code, _, error) = await CliAsync(["build", "--tag", name, "--file", Path.Combine(context, "Dockerfile"), context], ct).ConfigureAwait(false);
                Check(code, error, $"could not build the dockerFile into {name}");
            }
            finally
            {
                Directory.Delete(context, recursive: true);
            }
        }
        else if (image.Import is { } tarball)
        {
            var (code, _, error) = await CliAsync(["import", tarball, name], ct).ConfigureAwait(false);
            Check(code, error, $"could not import {tarball} as {name}");
        }
        else if (image.Pull is not null)
        {
            var (code, _, error) = await CliAsync(["pull", name], ct).ConfigureAwait(false);
            Check(code, error, $"image {name} is not present and could not be pulled");
        }

        return await ImageIdAsync(name).ConfigureAwait(false)
            ?? throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"DockerRequirement: image {name} is not present in {Name} and the requirement gives no way to obtain it");
    }

    /// <summary>The id of a local image, or null when there is none of that name.</summary>
    public async Task<string?> ImageIdAsync(string name)
    {
        var (code, output, _) = await CliAsync(InspectId(name), CancellationToken.None).ConfigureAwait(false);
        return ParseId(code, output);
    }

    /// <summary>The id of a local image, or null when there is none of that name; blocking.</summary>
    public string? ImageId(string name)
    {
        var (code, output, _) = ClientProgram.Run(Executable, InspectId(name));
        return ParseId(code, output);
    }

    private static string[] InspectId(string name) => ["image", "inspect", "--format", "{{.Id}}", name];

    private static string? ParseId(int code, string output)
    {
        var id = output.Trim();
        if (code != 0 || id.Length == 0)
        {
            return null;
        }

        // podman prints the bare hex digest, docker prefixes the algorithm.
        return id.Contains(':', StringComparison.Ordinal) ? id : "sha256:" + id;
    }

    private void Check(int code, string error, string what)
    {
        if (code != 0)
        {
            var last = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? $"{Name} exited with {code}";
            throw new CwlJobFailedException(CwlJobStatus.PermanentFailure, $"DockerRequirement: {what}: {last}");
        }
    }
}
