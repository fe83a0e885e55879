namespace Stoa.Cwl.Tests;

/// <summary>Where the shared CWL conformance suite lives (../shared from the repository root).</summary>
internal static class SuitePaths
{
    public static string Root { get; } = FindRoot();

    public static string Tests => Path.Combine(Root, "tests");

    private static string FindRoot()
    {
        for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            var candidate = Path.Combine(dir, "..", "shared", "cwl-conformance", "v1.2");
            if (Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new DirectoryNotFoundException("../shared/cwl-conformance/v1.2 not found above " + AppContext.BaseDirectory);
    }
}
