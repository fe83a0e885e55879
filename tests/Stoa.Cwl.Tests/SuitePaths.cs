namespace Stoa.Cwl.Tests;

/// <summary>
/// Where the CWL v1.2 conformance suite lives: it stays outside the repository. <c>STOA_CWL_CONFORMANCE</c> names a
/// directory holding <c>v1.2/conformance_tests.yaml</c>; without it, <c>../shared/cwl-conformance</c> beside the
/// repository (or beside any folder above the test binaries). Tests that read the suite are skipped, with
/// <see cref="MissingReason"/>, when it is absent; everything else runs.
/// </summary>
internal static class SuitePaths
{
    private static readonly string? Found = Find();

    /// <summary>The suite's v1.2 directory.</summary>
    /// <exception cref="DirectoryNotFoundException">The suite is absent (tests that read it skip first).</exception>
    public static string Root => Found ?? throw new DirectoryNotFoundException(MissingReason);

    public static string Tests => Path.Combine(Root, "tests");

    /// <summary>Why suite tests are skipped, or <see langword="null"/> when the suite is there.</summary>
    public static string? MissingReason => Found is null
        ? "the CWL v1.2 conformance suite is absent: set STOA_CWL_CONFORMANCE to a directory holding v1.2/ (the cwl-v1.2 repository), or put it at ../shared/cwl-conformance"
        : null;

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("STOA_CWL_CONFORMANCE") is { Length: > 0 } configured)
        {
            var v12 = Path.GetFullPath(Path.Combine(configured, "v1.2"));
            return File.Exists(Path.Combine(v12, "conformance_tests.yaml")) ? v12 : null;
        }

        for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            var candidate = Path.Combine(dir, "..", "shared", "cwl-conformance", "v1.2");
            if (File.Exists(Path.Combine(candidate, "conformance_tests.yaml")))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }
}

/// <summary>A fact that reads the conformance suite: skipped, saying why, when the suite is absent.</summary>
internal sealed class SuiteFactAttribute : FactAttribute
{
    public SuiteFactAttribute() => Skip = SuitePaths.MissingReason;
}

/// <summary>A theory over the conformance suite's documents: skipped (its data never read) when the suite is absent.</summary>
internal sealed class SuiteTheoryAttribute : TheoryAttribute
{
    public SuiteTheoryAttribute() => Skip = SuitePaths.MissingReason;
}

/// <summary>A property over the conformance suite's documents: skipped when the suite is absent.</summary>
internal sealed class SuitePropertyAttribute : FsCheck.Xunit.PropertyAttribute
{
    public SuitePropertyAttribute() => Skip = SuitePaths.MissingReason;
}
