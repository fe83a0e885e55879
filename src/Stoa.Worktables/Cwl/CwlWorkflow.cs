using Stoa.Cwl;
using Stoa.Cwl.Dependencies;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Cwl;

/// <summary>Binds worktables to CWL documents through Stoa.Cwl.</summary>
public static class CwlWorkflow
{
    /// <summary>
    /// Loads a CWL workflow or tool and derives the table's columns from its inputs and outputs (full CWL types,
    /// <c>doc</c> as description; an input with a default is optional). The workflow hash covers the document
    /// and every file it references, and the ids the container engine gives the images its tools run in.
    /// </summary>
    /// <param name="path">The CWL document (<c>path#id</c> picks a process of a packed document).</param>
    /// <returns>The definition to create or re-bind a table with.</returns>
    /// <exception cref="WorkflowException">The document fails to load or validate (the message names file and line), or a referenced file is missing.</exception>
    public static WorkflowDefinition Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        CwlDocument doc;
        try
        {
            doc = CwlDocument.Load(path);
        }
        catch (CwlValidationException e)
        {
            var first = e.Errors.FirstOrDefault();
            var where = first is null ? path : $"{first.Location.File}:{first.Location.Line}";
            throw new WorkflowException($"{where}: the workflow does not load: {e.Message}", e) { Path = path.Split('#')[0] };
        }

        var file = doc.SourcePath.StartsWith("file://", StringComparison.Ordinal) ? new Uri(doc.SourcePath).LocalPath : doc.SourcePath.Split('#')[0];
        var inputs = doc.Inputs.Select(p => new ColumnDefinition(p.Id, CwlTypeMapper.Map(p.Type, p.IsOptional), ColumnRole.Input) { Description = p.Doc });
        var outputs = doc.Outputs.Select(p => new ColumnDefinition(p.Id, CwlTypeMapper.Map(p.Type, p.IsOptional), ColumnRole.Output) { Description = p.Doc });
        var name = string.IsNullOrEmpty(doc.Id) ? Path.GetFileNameWithoutExtension(file) : doc.Id.Split('#')[^1].Split('/')[^1];
        return WorkflowDefinition.FromManifest(string.IsNullOrEmpty(name) ? Path.GetFileNameWithoutExtension(file) : name, inputs, outputs, Files(doc, Path.GetFullPath(file)), isCwl: true, Images(CwlContainerImages.Names(doc)));
    }

    /// <summary>
    /// The images with the ids the container engine gives them now (null for one it does not hold, and for all when
    /// there is no engine: the tools then run on the host, or their run fails and says why).
    /// </summary>
    internal static IReadOnlyList<WorkflowImage> Images(IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return [];
        }

        IReadOnlyDictionary<string, string?> ids;
        try
        {
            ids = CwlContainerImages.ResolveIds(names);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // The engine's program is on PATH but does not start: as if there were none.
            ids = names.ToDictionary(n => n, _ => (string?)null, StringComparer.Ordinal);
        }

        return [.. names.Select(n => new WorkflowImage(n, ids[n]))];
    }

    /// <summary>The document first, then every file it references, each with its digest now.</summary>
    internal static IReadOnlyList<WorkflowFile> Files(CwlDocument doc, string file)
    {
        var refs = doc.ReferencedFiles;
        var main = refs.FirstOrDefault(r => r.Path == file) ?? new CwlReferencedFile(file, CwlReferenceKind.Document);
        return [.. new[] { main }.Concat(refs.Where(r => r.Path != file)).Select(r => new WorkflowFile(r.Path, Digest(r, file), r.Kind == CwlReferenceKind.Document))];
    }

    /// <summary>A file's digest now, or a marker that it cannot be read (which never equals a digest).</summary>
    internal static string Digest(CwlReferencedFile file, string document)
    {
        try
        {
            return file.ComputeDigest();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WorkflowException($"{document}: referenced file '{file.Path}' cannot be read: {e.Message}") { Path = document };
        }
        catch (CwlValidationException e)
        {
            throw new WorkflowException($"{document}: referenced document does not parse: {e.Message}", e) { Path = document };
        }
    }
}
