using System.Text.Json.Nodes;

namespace Stoa.Host.Demo;

/// <summary>
/// The demo's CWL documents, shipped inside the executable (Demo/Workflows/*.cwl) and written to the demo directory
/// so that users can read, rerun and edit them. The BaSC tool's <c>baseCommand</c> is this very executable.
/// </summary>
internal static class DemoWorkflows
{
    /// <summary>The documents, by file name.</summary>
    public static readonly string[] Names = ["basc-find.cwl", "find-sources.cwl", "summarise-catalogue.cwl"];

    /// <summary>Writes every document into <paramref name="directory"/>; returns their paths by file name.</summary>
    public static IReadOnlyDictionary<string, string> WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            using var stream = typeof(DemoWorkflows).Assembly.GetManifestResourceStream($"Stoa.Host.Demo.Workflows.{name}")
                ?? throw new InvalidOperationException($"the executable lacks its embedded {name}");
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd().Replace("@STOA@", new JsonArray([.. StoaCommand().Select(part => (JsonNode?)JsonValue.Create(part))]).ToJsonString(), StringComparison.Ordinal);
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, text);
            written[name] = path;
        }

        return written;
    }

    /// <summary>How to start this executable: the apphost, or <c>dotnet stoa.dll</c> when run through dotnet.</summary>
    public static string[] StoaCommand()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        // Under `dotnet stoa.dll` the assembly is a file beside the runtime's base directory; a native or single-file
        // stoa has no assembly file at all (Assembly.Location is empty there), and then ProcessPath is stoa itself.
        var assembly = Path.Combine(AppContext.BaseDirectory, typeof(DemoWorkflows).Assembly.GetName().Name + ".dll");
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? [process, assembly] : [process];
    }
}
