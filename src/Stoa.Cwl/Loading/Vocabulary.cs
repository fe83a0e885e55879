namespace Stoa.Cwl.Loading;

/// <summary>The field names and requirement classes CWL v1.2 defines (v1.0/v1.1 names included).</summary>
internal static class Vocabulary
{
    public static readonly HashSet<string> ProcessFields =
        ["id", "label", "doc", "inputs", "outputs", "requirements", "hints", "cwlVersion", "class", "intent", "$namespaces", "$schemas", "$base"];

    public static readonly HashSet<string> CommandLineToolFields =
        ["baseCommand", "arguments", "stdin", "stdout", "stderr", "successCodes", "temporaryFailCodes", "permanentFailCodes"];

    public static readonly HashSet<string> InputParameterFields =
        ["id", "label", "doc", "type", "inputBinding", "default", "secondaryFiles", "streamable", "format", "loadContents", "loadListing"];

    public static readonly HashSet<string> OutputParameterFields =
        ["id", "label", "doc", "type", "outputBinding", "secondaryFiles", "streamable", "format", "outputSource", "linkMerge", "pickValue"];

    public static readonly HashSet<string> StepFields =
        ["id", "label", "doc", "in", "out", "run", "requirements", "hints", "scatter", "scatterMethod", "when"];

    public static readonly HashSet<string> StepInputFields =
        ["id", "source", "linkMerge", "pickValue", "loadContents", "loadListing", "label", "default", "valueFrom", "doc"];

    public static readonly HashSet<string> InputBindingFields =
        ["loadContents", "position", "prefix", "separate", "itemSeparator", "valueFrom", "shellQuote"];

    public static readonly HashSet<string> OutputBindingFields = ["glob", "loadContents", "loadListing", "outputEval"];

    /// <summary>Requirements this engine implements (DockerRequirement through podman or docker; refused at run time when neither is there).</summary>
    public static readonly HashSet<string> Requirements =
    [
        "InlineJavascriptRequirement", "SchemaDefRequirement", "DockerRequirement", "SoftwareRequirement",
        "InitialWorkDirRequirement", "EnvVarRequirement", "ShellCommandRequirement", "ResourceRequirement",
        "WorkReuse", "NetworkAccess", "InplaceUpdateRequirement", "ToolTimeLimit", "LoadListingRequirement",
        "SubworkflowFeatureRequirement", "ScatterFeatureRequirement", "MultipleInputFeatureRequirement",
        "StepInputExpressionRequirement",
    ];

    public static readonly HashSet<string> Primitives =
        ["null", "boolean", "int", "long", "float", "double", "string", "File", "Directory", "Any"];

    public static readonly HashSet<string> Versions = ["v1.0", "v1.1", "v1.2", "v1.0.dev4", "v1.1.0-dev1", "v1.2.0-dev1", "v1.2.0-dev2", "v1.2.0-dev3", "v1.2.0-dev4", "v1.2.0-dev5"];

    /// <summary>Namespaced (prefix:name or absolute IRI) fields are extensions and always allowed.</summary>
    public static bool IsExtension(string key) => key.Contains(':', StringComparison.Ordinal) || key.StartsWith('$');
}
