using System.Text.RegularExpressions;

namespace Stoa.Packages.Tests;

/// <summary>The repository these tests run from, and its libraries: every packable <c>src/*/*.csproj</c>.</summary>
internal static partial class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The packable libraries, by package id, found the way eng/check-packages.py finds them.</summary>
    public static IReadOnlyList<Library> Libraries { get; } = FindLibraries();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Stoa.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Stoa.sln not found above " + AppContext.BaseDirectory);
    }

    private static List<Library> FindLibraries()
    {
        var libraries = new List<Library>();
        foreach (var project in Directory.GetFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Path.GetDirectoryName(Path.GetDirectoryName(project)) != Path.Combine(Root, "src"))
            {
                continue; // only src/<Name>/<Name>.csproj
            }

            var text = File.ReadAllText(project);
            if (NotPackable().IsMatch(text))
            {
                continue;
            }

            var id = PackageId().Match(text) is { Success: true } m ? m.Groups[1].Value.Trim() : Path.GetFileNameWithoutExtension(project);
            libraries.Add(new Library(id, project, Path.Combine(Path.GetDirectoryName(project)!, "README.md")));
        }

        return libraries;
    }

    [GeneratedRegex(@"<IsPackable>\s*false\s*</IsPackable>", RegexOptions.IgnoreCase)]
    private static partial Regex NotPackable();

    [GeneratedRegex("<PackageId>([^<]+)</PackageId>")]
    private static partial Regex PackageId();
}

/// <summary>One packable library.</summary>
/// <param name="Id">Its package id.</param>
/// <param name="Project">Its .csproj.</param>
/// <param name="Readme">Its README.md (packed as the package's readme).</param>
internal sealed record Library(string Id, string Project, string Readme);
