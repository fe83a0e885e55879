using System.Text.Json.Nodes;
using Stoa.Cwl.Containers;
using Stoa.Cwl.Running;

namespace Stoa.Cwl;

/// <summary>
/// The container images a CWL document's tools run in, and what the local container engine holds under their
/// names now. A name (<c>debian:stable-slim</c>) can be rebuilt or re-tagged to other content; the id
/// (<c>sha256:…</c>, the digest of the image's configuration) cannot, so a caller that keeps results (worktables)
/// records ids and compares them to tell that an image changed.
/// </summary>
public static class CwlContainerImages
{
    /// <summary>
    /// The image names of every <c>DockerRequirement</c> in the document and the documents it loads (under
    /// <c>requirements</c> or <c>hints</c>), as the engine runs them: <c>dockerImageId</c>, else <c>dockerPull</c>,
    /// else a name derived from the <c>dockerFile</c> text or <c>dockerImport</c> path. Sorted, distinct.
    /// </summary>
    /// <param name="document">A loaded document.</param>
    /// <returns>The names; empty when no tool asks for a container.</returns>
    public static IReadOnlyList<string> Names(CwlDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return [.. Requirements(document).Select(r => r.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The id each named image has in the container engine now (asks the engine, e.g. <c>podman image inspect</c>;
    /// nothing is pulled or built).
    /// </summary>
    /// <param name="names">Image names (see <see cref="Names"/>).</param>
    /// <param name="engine">The engine the tools run in (<see cref="CwlEngineOptions.ContainerEngine"/>).</param>
    /// <returns>Each name with its id (<c>sha256:…</c>), or null when the engine holds no image of that name, or there is no engine.</returns>
    /// <exception cref="CwlUnsupportedFeatureException">podman or docker was asked for and is not on PATH.</exception>
    public static IReadOnlyDictionary<string, string?> ResolveIds(IEnumerable<string> names, CwlContainerEngine engine = CwlContainerEngine.Auto)
    {
        ArgumentNullException.ThrowIfNull(names);
        var runtime = ContainerRuntime.Find(engine);
        var ids = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            ids[name] = runtime?.ImageId(name);
        }

        return ids;
    }

    /// <summary>
    /// Makes every image of the document present in the engine the way a run would (a present image is kept; else
    /// dockerLoad, dockerFile, dockerImport, then dockerPull), so that its id is known before any tool runs.
    /// </summary>
    /// <param name="document">A loaded document.</param>
    /// <param name="scratchDirectory">Where a Dockerfile's build context is written (and removed).</param>
    /// <param name="engine">The engine the tools run in.</param>
    /// <param name="cancellationToken">Cancels a pull or build.</param>
    /// <returns>Each image name with its id; images that could not be obtained are left out (their run fails and says why).</returns>
    /// <exception cref="CwlUnsupportedFeatureException">podman or docker was asked for and is not on PATH.</exception>
    public static async Task<IReadOnlyDictionary<string, string>> EnsureAsync(CwlDocument document, string scratchDirectory, CwlContainerEngine engine = CwlContainerEngine.Auto, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrEmpty(scratchDirectory);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ContainerRuntime.Find(engine) is not { } runtime)
        {
            return ids;
        }

        Directory.CreateDirectory(scratchDirectory);
        foreach (var image in Requirements(document).DistinctBy(r => r.Name))
        {
            try
            {
                ids[image.Name] = await runtime.EnsureImageAsync(image, scratchDirectory, cancellationToken).ConfigureAwait(false);
            }
            catch (CwlJobFailedException)
            {
                // Not obtainable now: the job that needs it fails with this message, where it belongs.
            }
        }

        return ids;
    }

    /// <summary>Every well-formed DockerRequirement of the loaded documents, in both the list and the map form.</summary>
    private static List<DockerImage> Requirements(CwlDocument document)
    {
        var found = new List<DockerImage>();
        foreach (var (file, root) in document.Context.ParsedDocuments)
        {
            Walk(root, file, found);
        }

        return found;
    }

    private static void Walk(JsonNode? root, string file, List<DockerImage> found)
    {
        var pending = new Stack<JsonNode?>([root]);
        while (pending.TryPop(out var node))
        {
            if (node is JsonArray array)
            {
                array.ToList().ForEach(pending.Push);
            }
            else if (node is JsonObject o && (string?)(o["class"] as JsonValue) == "DockerRequirement")
            {
                Add(o, file, found);
            }
            else if (node is JsonObject obj)
            {
                foreach (var (key, child) in obj)
                {
                    // The map form names the class by its key: requirements: {DockerRequirement: {dockerPull: …}}.
                    if (key is "requirements" or "hints" && child is JsonObject map && map["DockerRequirement"] is JsonObject req)
                    {
                        Add(req, file, found);
                    }

                    pending.Push(child);
                }
            }
        }
    }

    private static void Add(JsonObject requirement, string file, List<DockerImage> found)
    {
        try
        {
            found.Add(DockerImage.From(requirement, file));
        }
        catch (CwlJobFailedException)
        {
            // Names no image (or a bad output directory): the job says so when it runs.
        }
    }
}
