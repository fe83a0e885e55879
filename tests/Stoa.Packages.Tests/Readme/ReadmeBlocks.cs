namespace Stoa.Packages.Tests.Readme;

/// <summary>The C# blocks of a README (fenced with <c>```csharp</c>), in order: the first one is the quickstart.</summary>
internal static class ReadmeBlocks
{
    public static IReadOnlyList<string> Read(string readme)
    {
        var blocks = new List<string>();
        List<string>? current = null;
        foreach (var line in File.ReadLines(readme))
        {
            if (current is null)
            {
                if (line.Trim() is "```csharp" or "```cs" or "```c#")
                {
                    current = [];
                }
            }
            else if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                blocks.Add(string.Join('\n', current) + "\n");
                current = null;
            }
            else
            {
                current.Add(line);
            }
        }

        return blocks;
    }
}
