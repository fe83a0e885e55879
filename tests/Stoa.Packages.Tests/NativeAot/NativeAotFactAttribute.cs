namespace Stoa.Packages.Tests.NativeAot;

/// <summary>
/// A fact that publishes with Native AOT, which links with clang (eng/apt-packages.txt): skipped with the reason when
/// clang is not on PATH, except under CI (<c>CI=true</c>), where the missing compiler fails the test instead.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NativeAotFactAttribute : FactAttribute
{
    public NativeAotFactAttribute()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        bool clang = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, "clang")));
        if (!clang && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = "clang is not on PATH: Native AOT publish needs it (apt-get install clang zlib1g-dev)";
        }
    }
}
