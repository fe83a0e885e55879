using System.Text.Json;
using Stoa.Worktables.Links;
using Stoa.Worktables.Storage;

namespace Stoa.Worktables.Tests.Storage;

/// <summary>
/// The source-generated <see cref="StoredJson"/> writes what the reflection serializer with default options wrote
/// before issue 20, byte for byte, and reads it back: databases written by earlier versions keep their meaning.
/// </summary>
public sealed class StoredJsonTests
{
    // Names and values with quotes, HTML-sensitive and non-ASCII characters, which the default encoder escapes.
    private static readonly string[] Awkward = ["obs_id", "a\"b", "<tag>&'x'", "Déclinaison", "日本", "tab\there", ""];

    private static readonly JsonSerializerOptions Reflection = new();

    public static TheoryData<string> LinkCases() => ["join", "generator", "generator-no-index"];

    private static LinkSpec Spec(string name) => name switch
    {
        "join" => LinkSpec.From(TableLink.Join("pa<rent>", "chïld", Awkward.Where(a => a.Length > 0).ToDictionary(a => a, a => a + "2"), new Dictionary<string, string> { ["d"] = "doubled" })),
        "generator" => LinkSpec.From(TableLink.Generator("lister", "sq", "items", "e", "i", new Dictionary<string, string> { ["é"] = "<x>" })),
        _ => LinkSpec.From(TableLink.Generator("lister", "sq", "items", "e", null, new Dictionary<string, string>())),
    };

    [Theory]
    [MemberData(nameof(LinkCases))]
    public void LinkSpec_Json_Is_What_The_Reflection_Serializer_Wrote(string name)
    {
        var spec = Spec(name);
        var before = JsonSerializer.Serialize(spec, Reflection);
        Assert.Equal(before, spec.Write());
        var read = LinkSpec.Read(before);
        Assert.Equal(before, read.Write());
        Assert.Equal((spec.Kind, spec.Parent, spec.Child, spec.Source, spec.Element, spec.Index), (read.Kind, read.Parent, read.Child, read.Source, read.Element, read.Index));
        Assert.Equal(spec.On, read.On);
        Assert.Equal(spec.Bind, read.Bind);
    }

    [Fact]
    public void String_And_Id_Lists_Are_What_The_Reflection_Serializer_Wrote()
    {
        Assert.Equal(JsonSerializer.Serialize(Awkward, Reflection), JsonSerializer.Serialize(Awkward, StoredJson.Default.Strings));
        Assert.Equal(Awkward, JsonSerializer.Deserialize(JsonSerializer.Serialize(Awkward, Reflection), StoredJson.Default.StringArray));
        long[] ids = [0, 1, -7, long.MaxValue, long.MinValue];
        Assert.Equal(JsonSerializer.Serialize(ids, Reflection), JsonSerializer.Serialize(ids, StoredJson.Default.Ids));
        Assert.Equal(JsonSerializer.Serialize(ids.Select(i => i), Reflection), JsonSerializer.Serialize(ids.Select(i => i), StoredJson.Default.Ids));
    }
}
