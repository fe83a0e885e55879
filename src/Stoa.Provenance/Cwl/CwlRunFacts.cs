using System.Text.Json.Nodes;

namespace Stoa.Provenance;

/// <summary>
/// The facts of a CWL run the mapping needs, independent of how Stoa.Cwl spells them; <see cref="CwlProvenance"/>
/// fills it from a <c>CwlRunResult</c>.
/// </summary>
internal sealed record CwlRunFacts(
    string ProcessId,
    bool IsWorkflow,
    string State,
    JsonObject Inputs,
    JsonObject? Outputs,
    DateTimeOffset Started,
    DateTimeOffset Finished,
    string? Message,
    IReadOnlyList<CwlJobFacts> Jobs);

/// <summary>One job (tool or expression run, or skipped step) of a run.</summary>
internal sealed record CwlJobFacts(
    string JobId,
    string Name,
    string ProcessClass,
    JsonObject Inputs,
    JsonObject? Outputs,
    IReadOnlyList<string> CommandLine,
    int? ExitCode,
    string State,
    string? Message,
    DateTimeOffset Started,
    DateTimeOffset Finished,
    string? ContainerImage = null);
