using System.Text.Json.Nodes;

namespace Stoa.Cwl;

/// <summary>A process input or output as a caller sees it: id, type and default.</summary>
/// <param name="Id">The short id, as used as a key of input and output objects.</param>
/// <param name="Type">The normalised CWL type: a name such as <c>"File"</c>, or an array/record/enum/union object.</param>
/// <param name="IsOptional">True when the type admits <c>null</c> (or the input has a default).</param>
/// <param name="Default">The declared default, or null.</param>
/// <param name="Doc">The parameter's <c>doc</c> text, or null.</param>
public sealed record CwlParameterInfo(string Id, JsonNode? Type, bool IsOptional, JsonNode? Default, string? Doc);
