using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stoa.Cwl.Loading;

namespace Stoa.Cwl.Tests.Loading;

/// <summary>
/// Loading a damaged document (a key deleted, a value of the wrong type, broken YAML) either succeeds or throws
/// one <see cref="CwlValidationException"/> whose every error names a file and a line — never anything else.
/// </summary>
public sealed class MutatedDocumentProperties
{
    // Lazy: the suite may be absent, and then the property is skipped before this is read.
    private static readonly Lazy<string[]> Valid = new(() => SuiteIndex.Tests()
        .Where(t => !t.ShouldFail && !t.Tool.Contains('#', StringComparison.Ordinal))
        .Select(t => t.Tool).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());

    private static readonly JsonNode?[] WrongValues =
        [null, JsonValue.Create(42), JsonValue.Create(true), JsonValue.Create("x"), new JsonArray(1, "a"), new JsonObject { ["k"] = 1 }];

    [SuiteProperty(MaxTest = 300)]
    public bool Loading_Mutated_Documents_Meets_Specification(PositiveInt doc, PositiveInt where, byte mutation, PositiveInt what)
    {
        var source = Valid.Value[doc.Get % Valid.Value.Length];
        var text = File.ReadAllText(source);
        var dir = Directory.CreateTempSubdirectory("stoa-cwl-mutate-").FullName;
        try
        {
            var path = Path.Combine(dir, Path.GetFileName(source));
            File.WriteAllText(path, Mutate(text, source, mutation % 3, where.Get, what.Get));
            try
            {
                CwlDocument.Load(path);
                return true;
            }
            catch (CwlValidationException ex)
            {
                Assert.NotEmpty(ex.Errors);
                Assert.All(ex.Errors, e => Assert.True(e.Location.File.Length > 0 && e.Location.Line > 0, $"unlocated: {e}"));
                return true;
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Mutate(string text, string file, int kind, int where, int what)
    {
        if (kind == 2 || YamlReader.Read(text, file, new LocationMap()) is not JsonObject root)
        {
            // Broken YAML: cut the text or insert a character YAML gives meaning to.
            var at = where % Math.Max(1, text.Length);
            return (what % 2) == 0 ? text[..at] : text.Insert(at, "{[:\"'&*!|>"[what % 10].ToString());
        }

        var maps = new List<JsonObject>();
        Collect(root, maps);
        var target = maps[where % maps.Count];
        var keys = target.Select(p => p.Key).ToArray();
        if (keys.Length == 0)
        {
            return root.ToJsonString();
        }

        var key = keys[what % keys.Length];
        if (kind == 0)
        {
            target.Remove(key);
        }
        else
        {
            target[key] = WrongValues[what % WrongValues.Length]?.DeepClone();
        }

        return root.ToJsonString();
    }

    private static void Collect(JsonNode? node, List<JsonObject> into)
    {
        switch (node)
        {
            case JsonObject o:
                into.Add(o);
                foreach (var (_, v) in o)
                {
                    Collect(v, into);
                }

                break;
            case JsonArray a:
                foreach (var v in a)
                {
                    Collect(v, into);
                }

                break;
        }
    }
}
