namespace Stoa.Worktables.Workflow;

/// <summary>
/// A container image a bound workflow's tools run in, with the id the engine gave it when this version was bound:
/// part of the version's hash, so an image rebuilt or re-tagged under the same name is a new version.
/// </summary>
/// <param name="Name">The image name the tools run (e.g. <c>docker.io/debian:stable-slim</c>).</param>
/// <param name="Id">Its id (<c>sha256:…</c>), or null when the engine held no image of that name.</param>
internal sealed record WorkflowImage(string Name, string? Id)
{
    /// <summary>The id shortened for messages: <c>sha256:ab12cd34ef56…</c>, or <c>not present</c>.</summary>
    public string ShortId => Id is null ? "not present" : Id.Length > 19 ? Id[..19] + "…" : Id;
}
