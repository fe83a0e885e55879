using System.Text.Json.Nodes;
using Stoa.Cwl.Loading;

namespace Stoa.Cwl.Tests.Loading;

/// <summary>Every document the v1.2 conformance suite runs, loaded as data-driven cases.</summary>
public sealed class SuiteDocumentTests
{
    /// <summary>(tool reference, should_fail) for every test of the suite, following its $import'ed indexes.</summary>
    public static TheoryData<string, bool> Documents()
    {
        var data = new TheoryData<string, bool>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (tool, shouldFail) in SuiteIndex.Tests())
        {
            if (seen.Add(tool + shouldFail))
            {
                data.Add(tool, shouldFail);
            }
        }

        return data;
    }

    [SuiteTheory]
    [MemberData(nameof(Documents))]
    public void Suite_Document_Loads_Or_Fails_With_Located_Errors(string tool, bool shouldFail)
    {
        try
        {
            var doc = CwlDocument.Load(tool);
            Assert.NotEmpty(doc.Class);
        }
        catch (CwlValidationException ex)
        {
            // Only tests that expect failure may be rejected at load time, and then with located errors.
            Assert.True(shouldFail, ex.Message);
            Assert.All(ex.Errors, e => Assert.False(string.IsNullOrEmpty(e.Location.File)));
        }
    }
}

/// <summary>Reads the suite's index (conformance_tests.yaml and the index files it $imports).</summary>
internal static class SuiteIndex
{
    public static IEnumerable<(string Tool, bool ShouldFail)> Tests() => Read(Path.Combine(SuitePaths.Root, "conformance_tests.yaml"));

    private static IEnumerable<(string, bool)> Read(string index)
    {
        var root = YamlReader.Read(File.ReadAllText(index), index, new LocationMap()) as JsonArray ?? [];
        foreach (var entry in root.OfType<JsonObject>())
        {
            if (entry["$import"]?.GetValue<string>() is { } import)
            {
                foreach (var t in Read(Path.Combine(Path.GetDirectoryName(index)!, import)))
                {
                    yield return t;
                }

                continue;
            }

            if (entry["tool"]?.GetValue<string>() is { } tool)
            {
                var shouldFail = entry["should_fail"] is JsonValue v && v.GetValue<bool>();
                yield return (Path.GetFullPath(Path.Combine(Path.GetDirectoryName(index)!, tool)), shouldFail);
            }
        }
    }
}
