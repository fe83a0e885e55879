using System.Text.Json.Nodes;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables;

public sealed partial class WorktableProject
{
    /// <summary>
    /// Keeps a copy of a workflow version's files in the project (<c>&lt;file&gt;-workflows/&lt;hash&gt;/</c>, laid
    /// out as they were relative to each other) and its manifest in the database, so rows run exactly the version
    /// they record and provenance can name it after the files on disk changed. A version already kept is left as it is.
    /// </summary>
    internal void KeepVersion(WorkflowDefinition workflow)
    {
        if (workflow.Files.Count == 0 || Store.FindWorkflowVersion(workflow.Hash) is not null)
        {
            return;
        }

        var root = CommonDirectory(workflow.Files.Select(f => f.Path));
        var target = System.IO.Path.Combine(WorkflowDirectory, workflow.Hash);
        if (!Directory.Exists(target))
        {
            var temp = System.IO.Path.Combine(WorkflowDirectory, $".tmp-{Guid.NewGuid():N}");
            foreach (var f in workflow.Files)
            {
                var copy = System.IO.Path.Combine(temp, System.IO.Path.GetRelativePath(root, f.Path));
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(copy)!);
                File.Copy(f.Path, copy);
            }

            try
            {
                Directory.Move(temp, target);
            }
            catch (IOException) when (Directory.Exists(target))
            {
                // Another binding of the same version kept it first.
                Directory.Delete(temp, recursive: true);
            }
        }

        var manifest = new JsonObject
        {
            ["name"] = workflow.Name,
            ["document"] = System.IO.Path.GetRelativePath(root, workflow.Files[0].Path),
            ["files"] = new JsonArray([.. workflow.Files.Select(f => (JsonNode?)new JsonObject
            {
                ["path"] = System.IO.Path.GetRelativePath(root, f.Path),
                ["source"] = f.Path,
                ["digest"] = f.Digest,
            })]),
            ["images"] = new JsonArray([.. workflow.Images.Select(i => (JsonNode?)new JsonObject { ["name"] = i.Name, ["id"] = i.Id })]),
        };
        Store.SaveWorkflowVersion(workflow.Hash, manifest.ToJsonString());
    }

    /// <summary>The kept copy of a workflow version's document, or null when that version was never kept.</summary>
    internal string? KeptDocument(string workflowHash)
    {
        if (Store.FindWorkflowVersion(workflowHash) is not { } json || JsonNode.Parse(json) is not JsonObject manifest)
        {
            return null;
        }

        var doc = System.IO.Path.Combine(WorkflowDirectory, workflowHash, (string)manifest["document"]!);
        return File.Exists(doc) ? doc : null;
    }

    /// <summary>The container images recorded with a kept version (none for a version never kept, or kept before images were).</summary>
    internal IReadOnlyList<WorkflowImage> KeptImages(string workflowHash) =>
        Store.FindWorkflowVersion(workflowHash) is { } json && JsonNode.Parse(json)?["images"] is JsonArray images
            ? [.. images.Select(i => new WorkflowImage((string)i!["name"]!, (string?)i["id"]))]
            : [];

    private static string CommonDirectory(IEnumerable<string> files)
    {
        string? common = null;
        foreach (var dir in files.Select(f => System.IO.Path.GetDirectoryName(f)!))
        {
            common ??= dir;
            while (!(dir + "/").StartsWith(common.TrimEnd('/') + "/", StringComparison.Ordinal))
            {
                common = System.IO.Path.GetDirectoryName(common) ?? "/";
            }
        }

        return common ?? "/";
    }
}
