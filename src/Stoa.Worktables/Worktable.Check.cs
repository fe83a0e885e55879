using System.Text.Json.Nodes;
using Stoa.Cwl.Dependencies;
using Stoa.Worktables.Cwl;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Hashing;
using Stoa.Worktables.Model;
using Stoa.Worktables.Storage;
using Stoa.Worktables.Storage.Sqlite;
using Stoa.Worktables.Tracking;
using Stoa.Worktables.Values;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables;

public sealed partial class Worktable
{
    private readonly Lock _checkGate = new();

    /// <summary>
    /// Checks every file the table depends on against the disk — each row's input Files and Directories
    /// (secondaryFiles included) and every file of the bound workflow — by stat fingerprint (size, modification
    /// and change times, inode), and reads again only the files whose fingerprint moved. A file whose content
    /// changed makes exactly the rows that use it Stale, with the reason; a touch changes nothing; a missing
    /// input makes its Succeeded rows Stale (their next run fails and says why, keeping the old outputs). A workflow
    /// whose files changed is rebound when its columns are the same (every row whose result came from the old
    /// version becomes Stale, naming the changed file); otherwise the change is reported and left for
    /// <see cref="Rebind"/>. <see cref="RecomputeAsync(Execution.IRowExecutor, Execution.RecomputeOptions?, CancellationToken)"/> runs this first.
    /// </summary>
    /// <returns>What was checked and what changed.</returns>
    public FileCheckResult CheckFiles()
    {
        lock (_checkGate)
        {
            var changedRows = new SortedSet<long>();
            var (workflowChecked, workflowRead, changedWorkflowFiles, pending) = CheckWorkflowFiles(changedRows);
            var changedImages = pending is null ? CheckImages(changedRows) : [];
            var (inputsChecked, inputsRead, missing) = CheckInputFiles(changedRows);
            return new FileCheckResult
            {
                FilesChecked = workflowChecked + inputsChecked,
                FilesRead = workflowRead + inputsRead,
                RowsChanged = [.. changedRows],
                MissingFiles = missing,
                ChangedWorkflowFiles = changedWorkflowFiles,
                ChangedContainerImages = changedImages,
                PendingWorkflowChange = pending,
            };
        }
    }

    /// <summary>
    /// Binds the table to its workflow document as it is on disk now, accepting a change of columns: added
    /// columns start empty (or at the template's value), and removed or retyped input columns lose their values
    /// only when <paramref name="dropColumns"/> says so. Rows whose results came from another version become Stale.
    /// </summary>
    /// <param name="dropColumns">Accept removing or retyping columns (their values are dropped from every row).</param>
    /// <returns>How many rows became Stale.</returns>
    /// <exception cref="WorkflowException">The table has no workflow document, the document does not load, or the
    /// change removes or retypes columns and <paramref name="dropColumns"/> is false (the message has the column diff).</exception>
    public long Rebind(bool dropColumns = false)
    {
        var doc = _workflow.DocumentPath
            ?? throw new WorkflowException($"table '{Name}': workflow '{_workflow.Name}' has no document to rebind to; use ChangeWorkflow.");
        var next = _workflow.IsCwl || _workflow.Files.Count == 0 ? CwlWorkflow.Load(doc) : WorkflowDefinition.FromFiles(_workflow.Name, _workflow.Inputs, _workflow.Outputs, doc, _workflow.ReferencedFiles);
        lock (_checkGate)
        {
            return ChangeWorkflow(next, dropColumns, "workflow rebound: " + DescribeChange(_workflow, next));
        }
    }

    /// <summary>
    /// The project's kept copy of a workflow version's document (<see cref="WorktableRow.WorkflowHash"/> names the
    /// version a row's result came from): the files exactly as they were bound, whatever happened on disk since.
    /// </summary>
    /// <param name="workflowHash">A version hash.</param>
    /// <returns>The kept document's path, or null for a version never kept (bound from text, or before versions were kept).</returns>
    public string? KeptWorkflowDocument(string workflowHash)
    {
        ArgumentNullException.ThrowIfNull(workflowHash);
        return _project.KeptDocument(workflowHash);
    }

    /// <summary>
    /// The container images a workflow version's tools run in, with the ids they had when the version was bound: a
    /// row's <see cref="WorktableRow.WorkflowHash"/> (and so its run) names the version, and the version the exact
    /// images, since a changed image id is a new version.
    /// </summary>
    /// <param name="workflowHash">A version hash.</param>
    /// <returns><c>name@id</c> (<c>docker.io/debian:stable-slim@sha256:…</c>) per image, or the bare name of one the
    /// engine did not hold then; empty for a version with no container or never kept.</returns>
    public IReadOnlyList<string> ContainerImages(string workflowHash)
    {
        ArgumentNullException.ThrowIfNull(workflowHash);
        IEnumerable<WorkflowImage> images = _workflow.Hash == workflowHash ? _workflow.Images : _project.KeptImages(workflowHash);
        return [.. images.Select(i => i.Id is null ? i.Name : i.Name + "@" + i.Id)];
    }

    /// <summary>The folders holding the files the table tracks (input files, input directories and workflow files).</summary>
    internal IEnumerable<string> TrackedFolders() =>
        Store.TrackedFiles(TableId, TrackedRole.Input).Concat(Store.TrackedFiles(TableId, TrackedRole.Workflow))
            .Select(t => t.Fingerprint.StartsWith("dir:", StringComparison.Ordinal) ? t.Path : System.IO.Path.GetDirectoryName(t.Path))
            .Where(d => d is not null && !d.StartsWith(_project.OutputDirectory, StringComparison.Ordinal))
            .Select(d => d!)
            .Distinct(StringComparer.Ordinal);

    private (long Checked, long Read, IReadOnlyList<string> Changed, WorkflowInterfaceChange? Pending) CheckWorkflowFiles(SortedSet<long> changedRows)
    {
        var wf = _workflow;
        if (wf.DocumentPath is null)
        {
            return (0, 0, [], null);
        }

        if (wf.Files.Count == 0)
        {
            // A table bound before files were tracked one by one: adopt the files when they are still the bytes it
            // was bound with, otherwise the workflow changed since.
            if (wf.MatchesLegacyByteHash())
            {
                try
                {
                    var adopted = wf.WithFiles(CwlWorkflow.Load(wf.DocumentPath).Files, isCwl: true);
                    Store.ChangeWorkflow(TableId, adopted.ToJson(), adopted.Hash, "workflow files recorded", adopted.TrackedFiles());
                    _project.KeepVersion(adopted);
                    _workflow = adopted;
                    return (adopted.Files.Count, adopted.Files.Count, [], null);
                }
                catch (WorkflowException)
                {
                    // Not a CWL document: it keeps its byte hash, checked at each recompute like before.
                    return (1, 1, [], null);
                }
            }

            return Reload(wf, [System.IO.Path.GetFileName(wf.DocumentPath)], changedRows, wf.ReferencedFiles.Count + 1);
        }

        var tracked = Store.TrackedFiles(TableId, TrackedRole.Workflow).ToDictionary(t => t.Path, StringComparer.Ordinal);
        var touched = new List<TrackedFile>();
        var changed = new List<string>();
        long read = 0;
        var baseDir = System.IO.Path.GetDirectoryName(wf.DocumentPath)!;
        foreach (var f in wf.Files)
        {
            var fp = FileFingerprint.Of(f.Path);
            if (tracked.TryGetValue(f.Path, out var t) && t.Fingerprint == fp.Stored)
            {
                continue;
            }

            read++;
            var digest = CurrentDigest(f, fp);
            if (digest == f.Digest)
            {
                touched.Add(new TrackedFile(f.Path, fp.Stored, f.Digest));
            }
            else
            {
                changed.Add(System.IO.Path.GetRelativePath(baseDir, f.Path));
            }
        }

        if (touched.Count > 0)
        {
            Store.UpdateTracked(TableId, TrackedRole.Workflow, touched);
        }

        if (changed.Count == 0)
        {
            return (wf.Files.Count, read, [], null);
        }

        var (_, _, list, pending) = Reload(wf, changed, changedRows, wf.Files.Count);
        return (wf.Files.Count, read, list, pending);
    }

    private (long Checked, long Read, IReadOnlyList<string> Changed, WorkflowInterfaceChange? Pending) Reload(WorkflowDefinition wf, List<string> changed, SortedSet<long> changedRows, long count)
    {
        WorkflowDefinition next;
        try
        {
            next = wf.IsCwl || wf.Files.Count == 0
                ? CwlWorkflow.Load(wf.DocumentPath!)
                : WorkflowDefinition.FromFiles(wf.Name, wf.Inputs, wf.Outputs, wf.DocumentPath!, wf.ReferencedFiles);
        }
        catch (WorkflowException e)
        {
            return (count, count, changed, new WorkflowInterfaceChange { DocumentPath = wf.DocumentPath!, LoadError = e.Message });
        }

        var diff = Diff(wf, next);
        if (diff.Added.Count + diff.Removed.Count + diff.Retyped.Count > 0)
        {
            return (count, count, changed, diff);
        }

        var reason = changed.Count == 1 ? $"workflow file {changed[0]} changed" : $"workflow files {string.Join(", ", changed)} changed";
        TakeOver(next, reason, changedRows);
        return (count, count, changed, null);
    }

    /// <summary>Binds a new version with the same columns; the rows it makes Stale are added to <paramref name="changedRows"/>.</summary>
    private void TakeOver(WorkflowDefinition next, string reason, SortedSet<long> changedRows)
    {
        var before = Store.RowsNeedingRun(TableId, retryFailed: true, int.MaxValue).ToHashSet();
        ChangeWorkflow(next, dropColumns: false, reason);
        foreach (var id in Store.RowsNeedingRun(TableId, retryFailed: true, int.MaxValue).Where(id => !before.Contains(id)))
        {
            changedRows.Add(id);
        }
    }

    /// <summary>
    /// Asks the container engine for the ids of the workflow's images now. An image whose id differs from the one
    /// the bound version recorded (rebuilt or re-tagged under its name) makes a new version: every row whose result
    /// came from the old one becomes Stale, naming the image and both ids. An image the engine no longer holds is no
    /// change (the next run obtains it again, and that id is checked then).
    /// </summary>
    private IReadOnlyList<string> CheckImages(SortedSet<long> changedRows)
    {
        var wf = _workflow;
        if (wf.Images.Count == 0)
        {
            return [];
        }

        var now = CwlWorkflow.Images([.. wf.Images.Select(i => i.Name)]).ToDictionary(i => i.Name, i => i.Id, StringComparer.Ordinal);
        var changed = wf.Images.Where(i => now[i.Name] is { } id && id != i.Id).ToList();
        if (changed.Count == 0)
        {
            return [];
        }

        var next = wf.WithImages([.. wf.Images.Select(i => now[i.Name] is { } id ? i with { Id = id } : i)]);
        var reason = string.Join("; ", changed.Select(i => $"container image {i.Name} changed ({i.ShortId} → {(i with { Id = now[i.Name] }).ShortId})"));
        TakeOver(next, reason, changedRows);
        return [.. changed.Select(i => i.Name)];
    }

    private static string CurrentDigest(WorkflowFile f, FileFingerprint fp)
    {
        if (fp.Kind != FileKind.Regular)
        {
            return "missing";
        }

        try
        {
            return new CwlReferencedFile(f.Path, f.IsDocument ? CwlReferenceKind.Document : CwlReferenceKind.Content).ComputeDigest();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Stoa.Cwl.CwlValidationException)
        {
            return "unreadable";
        }
    }

    private (long Checked, long Read, IReadOnlyList<string> Missing) CheckInputFiles(SortedSet<long> changedRows)
    {
        var tracked = Store.TrackedFiles(TableId, TrackedRole.Input);
        var updates = new List<TrackedFile>();
        var changed = new List<(string Path, string Old, string New)>();
        var missing = new List<string>();
        long read = 0;
        foreach (var t in tracked)
        {
            var isDir = t.Fingerprint.StartsWith("dir:", StringComparison.Ordinal) ||
                (t.Fingerprint is RowFiles.MissingFingerprint or SqliteWorktableStore.RecheckFingerprint && Directory.Exists(t.Path));
            var fp = isDir ? FileFingerprint.OfDirectory(t.Path) : FileFingerprint.Of(t.Path);
            if (fp.Stored == t.Fingerprint)
            {
                continue;
            }

            if (fp.Kind != (isDir ? FileKind.Directory : FileKind.Regular))
            {
                missing.Add(t.Path);
                if (t.Fingerprint != RowFiles.MissingFingerprint)
                {
                    updates.Add(t with { Fingerprint = RowFiles.MissingFingerprint });
                    foreach (var id in Store.MarkStale(TableId, Store.RowsUsingFile(TableId, t.Path), MissingReasons(t.Path)[fp.Kind == FileKind.Special ? 1 : 0]))
                    {
                        changedRows.Add(id);
                    }
                }

                continue;
            }

            read++;
            string digest;
            try
            {
                digest = "sha1$" + (isDir ? _project.Hasher.HashDirectory(t.Path) : _project.Hasher.HashFile(t.Path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                missing.Add(t.Path);
                continue;
            }

            updates.Add(new TrackedFile(t.Path, fp.Stored, digest));
            if (digest != t.Digest || t.Fingerprint is RowFiles.MissingFingerprint or SqliteWorktableStore.RecheckFingerprint)
            {
                changed.Add((t.Path, t.Digest, digest));
            }
        }

        if (updates.Count > 0)
        {
            Store.UpdateTracked(TableId, TrackedRole.Input, updates);
        }

        foreach (var (path, _, _) in changed.Where(c => c.Old == c.New))
        {
            // A missing file back with the content the rows were sealed with: the reason no longer holds, and rows
            // it alone made Stale are Succeeded again (their outputs are what they would compute now).
            Store.ClearReasons(TableId, Store.RowsUsingFile(TableId, path), MissingReasons(path));
        }

        foreach (var (path, _, _) in changed)
        {
            foreach (var rowId in Store.RowsUsingFile(TableId, path))
            {
                if (RefreshRowFiles(rowId))
                {
                    changedRows.Add(rowId);
                }
            }
        }

        return (tracked.Count, read, missing);
    }

    /// <summary>The reasons a row is given when its input file is missing, or is not a regular file.</summary>
    private static string[] MissingReasons(string path) => [$"input file {path} is missing", $"input file {path} is not a regular file"];

    /// <summary>Re-seals a row so its cells carry its files' current checksums; true when its identity changed.</summary>
    private bool RefreshRowFiles(long rowId)
    {
        if (Store.GetRow(TableId, rowId) is not { } row)
        {
            return false;
        }

        var inputs = CanonicalJson.ReadCells(row.InputsJson);
        var sealed_ = Seal(inputs);
        if (sealed_.InputHash == row.InputHash)
        {
            return false;
        }

        try
        {
            Store.UpdateInputs(TableId, rowId, sealed_);
            return true;
        }
        catch (KeyNotFoundException)
        {
            return false;
        }
    }

    private static WorkflowInterfaceChange Diff(WorkflowDefinition old, WorkflowDefinition next)
    {
        var added = new List<string>();
        var removed = new List<string>();
        var retyped = new List<string>();
        foreach (var (before, after) in new[] { (old.Inputs, next.Inputs), (old.Outputs, next.Outputs) })
        {
            foreach (var col in before)
            {
                var now = after.FirstOrDefault(c => c.Name == col.Name);
                if (now is null)
                {
                    removed.Add($"{col.Name} ({col.Type})");
                }
                else if (!now.Type.Equals(col.Type))
                {
                    retyped.Add($"{col.Name} ({col.Type} → {now.Type})");
                }
            }

            added.AddRange(after.Where(c => !before.Any(b => b.Name == c.Name)).Select(c => $"{c.Name} ({c.Type})"));
        }

        return new WorkflowInterfaceChange { DocumentPath = next.DocumentPath ?? old.DocumentPath ?? old.Name, Added = added, Removed = removed, Retyped = retyped };
    }

    private static string DescribeChange(WorkflowDefinition old, WorkflowDefinition next)
    {
        var diff = Diff(old, next);
        return diff.Added.Count + diff.Removed.Count + diff.Retyped.Count == 0
            ? old.Hash == next.Hash ? "no change" : "new version " + next.Hash[..12]
            : diff.ToString();
    }
}
