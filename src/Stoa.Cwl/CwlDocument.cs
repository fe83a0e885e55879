using System.Text.Json.Nodes;
using Stoa.Cwl.Dependencies;
using Stoa.Cwl.Loading;
using Stoa.Cwl.Model;

namespace Stoa.Cwl;

/// <summary>
/// A loaded and validated CWL process (CommandLineTool, ExpressionTool, Workflow or Operation). v1.0 and v1.1
/// documents are read with v1.2 semantics. Load with <see cref="Load(string, CwlLoadOptions?)"/> and run with
/// <see cref="CwlEngine"/>.
/// </summary>
public sealed class CwlDocument
{
    private CwlDocument(CwlProcess process, LoadContext context)
    {
        Process = process;
        Context = context;
    }

    private IReadOnlyList<CwlReferencedFile>? _referencedFiles;

    internal CwlProcess Process { get; }

    internal LoadContext Context { get; }

    /// <summary>The process class: <c>CommandLineTool</c>, <c>ExpressionTool</c>, <c>Workflow</c> or <c>Operation</c>.</summary>
    public string Class => Process.Class;

    /// <summary>The process id: the document path plus the fragment of the selected process.</summary>
    public string Id => Process.Id;

    /// <summary>The local path of the file the process was read from.</summary>
    public string SourcePath => Process.File;

    /// <summary>The <c>cwlVersion</c> the document declared (v1.0, v1.1 or v1.2).</summary>
    public string CwlVersion => Process.CwlVersion;

    /// <summary>
    /// Every local file the process depends on, transitively: this document, the tools and workflows its steps
    /// run, <c>$import</c>ed and <c>$include</c>d files, <c>$schemas</c>, and the files of File and Directory
    /// literals (defaults, step defaults, InitialWorkDir listings, secondaryFiles). Documents come first, then
    /// content files, each by path. References that are expressions or remote URIs are not files and are left out.
    /// </summary>
    public IReadOnlyList<CwlReferencedFile> ReferencedFiles => _referencedFiles ??= CwlReferencedFile.Collect(Context);

    /// <summary>The process inputs.</summary>
    public IReadOnlyList<CwlParameterInfo> Inputs => Process.Inputs.Select(Info).ToArray();

    /// <summary>The process outputs.</summary>
    public IReadOnlyList<CwlParameterInfo> Outputs => Process.Outputs.Select(Info).ToArray();

    /// <summary>
    /// Loads, resolves (<c>$import</c>, <c>$include</c>, <c>$graph</c>, SchemaDefRequirement, shorthand types)
    /// and validates a CWL document.
    /// </summary>
    /// <param name="pathOrUri">A local path or <c>file://</c> URI, optionally ending in <c>#id</c> to pick one process of a packed document.</param>
    /// <param name="options">Load options; <see cref="CwlLoadOptions.Default"/> when null.</param>
    /// <returns>The validated document.</returns>
    /// <exception cref="CwlValidationException">The document cannot be read or is not valid CWL; every problem is listed with its location.</exception>
    public static CwlDocument Load(string pathOrUri, CwlLoadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(pathOrUri);
        _ = options ?? CwlLoadOptions.Default;
        var (path, frag) = References.SplitFragment(pathOrUri);
        path = Path.GetFullPath(References.ToLocalPath(path));
        var ctx = new LoadContext();
        try
        {
            // Shape errors and workflow-level errors are reported together, so one run of `validate` shows all.
            var process = ProcessReader.LoadProcess(ctx, frag is null ? path : path + "#" + frag, throwOnErrors: false);
            var shapeErrors = ctx.Errors.Count;
            try
            {
                Semantics.Check(process, ctx);
            }
            catch (Exception ex) when (shapeErrors > 0 && ex is not CwlValidationException)
            {
                // The model is incomplete because of the errors above; those are what to report.
            }

            ctx.ThrowIfErrors();
            return new CwlDocument(process, ctx);
        }
        catch (CwlValidationException)
        {
            throw;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException or InvalidCastException)
        {
            // A document shape the checks above did not foresee: still report it as a located load error.
            ctx.Errors.Add(new CwlValidationError(new SourceLocation(path, 1, 1), "", "invalid document: " + ex.Message));
            throw new CwlValidationException(ctx.Errors.ToArray());
        }
    }

    private static CwlParameterInfo Info(CwlParameter p) =>
        new(p.Id, p.Type?.DeepClone(), p.HasDefault || Types.AcceptsNull(p.Type), p.Default?.DeepClone(), p.Raw["doc"] is JsonValue d && d.TryGetValue<string>(out var s) ? s : null);
}
