namespace Stoa.Worktables.Workflow;

/// <summary>
/// A file of a bound workflow version with its digest: a CWL/YAML document's covers its parsed content (so
/// comments and layout do not count), any other file's covers its bytes.
/// </summary>
/// <param name="Path">The absolute path it was read from.</param>
/// <param name="Digest">The digest, prefixed by its algorithm (<c>sha256$…</c> for documents, <c>sha1$…</c> for bytes).</param>
/// <param name="IsDocument">Whether it is a document read through Stoa.Cwl.</param>
internal sealed record WorkflowFile(string Path, string Digest, bool IsDocument);
