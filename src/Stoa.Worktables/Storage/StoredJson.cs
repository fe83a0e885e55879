using System.Text.Json.Serialization;
using Stoa.Worktables.Links;

namespace Stoa.Worktables.Storage;

/// <summary>
/// The JSON this package persists itself (key columns, reasons, id lists bound to SQL, link specifications), written
/// by source-generated code so a Native AOT consumer needs no reflection (issue 20).
/// </summary>
/// <remarks>
/// The options are the defaults the reflection serializer used before (property names as declared, nulls written,
/// enums as numbers, the default encoder), so existing databases read and new JSON is the same, byte for byte.
/// </remarks>
[JsonSourceGenerationOptions]
[JsonSerializable(typeof(IEnumerable<string>), TypeInfoPropertyName = "Strings")]
[JsonSerializable(typeof(IEnumerable<long>), TypeInfoPropertyName = "Ids")]
[JsonSerializable(typeof(string[]), TypeInfoPropertyName = "StringArray")]
[JsonSerializable(typeof(LinkSpec))]
internal sealed partial class StoredJson : JsonSerializerContext;
