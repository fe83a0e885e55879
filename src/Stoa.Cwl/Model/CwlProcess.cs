using System.Text.Json.Nodes;

namespace Stoa.Cwl.Model;

/// <summary>A validated, normalised CWL process (CommandLineTool, ExpressionTool, Workflow or Operation).</summary>
internal sealed class CwlProcess
{
    public required string Class { get; init; }

    /// <summary>The full id (file path plus fragment) used in logs and run records.</summary>
    public required string Id { get; init; }

    /// <summary>The local file the process was read from; relative references resolve against it.</summary>
    public required string File { get; init; }

    /// <summary>The cwlVersion the document declared (semantics are always v1.2's).</summary>
    public required string CwlVersion { get; init; }

    public required JsonObject Raw { get; init; }

    /// <summary>Namespace prefixes of the document (for <c>edam:format_1234</c>-style terms in input objects).</summary>
    public IReadOnlyDictionary<string, string> Namespaces { get; init; } = new Dictionary<string, string>();

    public List<CwlParameter> Inputs { get; } = [];

    public List<CwlParameter> Outputs { get; } = [];

    public List<JsonObject> Requirements { get; } = [];

    public List<JsonObject> Hints { get; } = [];

    /// <summary>Named types from SchemaDefRequirement, under each name they may be referenced by.</summary>
    public Dictionary<string, JsonNode> SchemaDefs { get; } = new(StringComparer.Ordinal);

    // CommandLineTool
    public List<string> BaseCommand { get; } = [];

    public List<JsonNode?> Arguments { get; } = [];

    public JsonNode? Stdin { get; set; }

    public JsonNode? Stdout { get; set; }

    public JsonNode? Stderr { get; set; }

    public HashSet<int> SuccessCodes { get; } = [];

    public HashSet<int> TemporaryFailCodes { get; } = [];

    public HashSet<int> PermanentFailCodes { get; } = [];

    // ExpressionTool
    public string? Expression { get; set; }

    // Workflow
    public List<CwlStep> Steps { get; } = [];

    public string ShortId => Loading.References.ShortName(Id);
}

/// <summary>An input or output parameter (also a record field), with its type normalised.</summary>
internal sealed class CwlParameter
{
    public required string Id { get; init; }

    public required JsonNode? Type { get; init; }

    public JsonObject? InputBinding { get; init; }

    public JsonObject? OutputBinding { get; init; }

    public JsonNode? Default { get; init; }

    public bool HasDefault { get; init; }

    /// <summary>Normalised to a list of <c>{pattern, required}</c> objects, or null.</summary>
    public JsonArray? SecondaryFiles { get; init; }

    public JsonNode? Format { get; init; }

    public bool LoadContents { get; init; }

    public string? LoadListing { get; init; }

    public bool Streamable { get; init; }

    public List<string> OutputSource { get; } = [];

    public string? LinkMerge { get; init; }

    public string? PickValue { get; init; }

    public required JsonObject Raw { get; init; }
}

/// <summary>A workflow step.</summary>
internal sealed class CwlStep
{
    public required string Id { get; init; }

    public required CwlProcess Run { get; init; }

    public List<CwlStepInput> In { get; } = [];

    public List<string> Out { get; } = [];

    public List<JsonObject> Requirements { get; } = [];

    public List<JsonObject> Hints { get; } = [];

    public List<string> Scatter { get; } = [];

    public string? ScatterMethod { get; init; }

    public JsonNode? When { get; init; }

    public required JsonObject Raw { get; init; }
}

/// <summary>One <c>in</c> entry of a workflow step.</summary>
internal sealed class CwlStepInput
{
    public required string Id { get; init; }

    public List<string> Source { get; } = [];

    public bool SourceIsList { get; set; }

    public string? LinkMerge { get; init; }

    public string? PickValue { get; init; }

    public JsonNode? Default { get; init; }

    public bool HasDefault { get; init; }

    public JsonNode? ValueFrom { get; init; }

    public bool LoadContents { get; init; }

    public string? LoadListing { get; init; }
}
