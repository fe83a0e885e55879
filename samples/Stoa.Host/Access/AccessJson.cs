using System.Text.Json.Serialization;

namespace Stoa.Host.Access;

/// <summary>
/// The accounts file's JSON, generated at build time: the host is compiled ahead of time (Native AOT), where
/// reflection-based serialization is unavailable. Indented, as before, so people can read the file.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(ProjectAccess.AccessFile))]
internal sealed partial class AccessJson : JsonSerializerContext;
