using System.Text.Json.Nodes;

namespace Stoa.Cwl.Expressions;

/// <summary>The variables an expression sees: <c>inputs</c>, <c>self</c> and <c>runtime</c>.</summary>
internal sealed record ExpressionScope(JsonNode? Inputs, JsonNode? Self, JsonNode? Runtime);
