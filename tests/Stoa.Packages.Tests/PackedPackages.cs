namespace Stoa.Packages.Tests;

/// <summary>
/// The folder of packed .nupkg files the consumer projects restore from: <c>STOA_PACKAGES</c> when set (test.sh packs
/// before testing), else every library packed here into a temporary folder (a developer's <c>dotnet test</c>).
/// </summary>
internal sealed class PackedPackages : IDisposable
{
    private readonly bool owned;

    public PackedPackages()
    {
        if (Environment.GetEnvironmentVariable("STOA_PACKAGES") is { Length: > 0 } given)
        {
            Folder = Path.GetFullPath(given);
            if (!Directory.Exists(Folder) || Directory.GetFiles(Folder, "*.nupkg").Length == 0)
            {
                throw new DirectoryNotFoundException($"STOA_PACKAGES={given} holds no .nupkg files: run dotnet pack first, or unset it");
            }
        }
        else
        {
            owned = true;
            Folder = Directory.CreateTempSubdirectory("stoa-packages-").FullName;
            foreach (var library in Repository.Libraries)
            {
                var (exit, output) = ProcessRunner.Run("dotnet", ["pack", library.Project, "-c", "Release", "-o", Folder, "-nologo", "-v", "q"], Repository.Root, TimeSpan.FromMinutes(10));
                if (exit != 0)
                {
                    throw new InvalidOperationException($"dotnet pack {library.Project} failed ({exit}):\n{output}");
                }
            }
        }
    }

    public string Folder { get; }

    /// <summary>The version of <paramref name="id"/> in the folder (its one <c>{id}.{version}.nupkg</c>).</summary>
    public string VersionOf(string id)
    {
        var versions = Directory.GetFiles(Folder, id + ".*.nupkg")
            .Select(Path.GetFileName)
            .Select(name => name![(id.Length + 1)..^".nupkg".Length])
            .Where(v => v.Length > 0 && char.IsAsciiDigit(v[0]))
            .ToList();
        return versions.Count == 1 ? versions[0] : throw new InvalidOperationException($"{Folder} holds {versions.Count} versions of {id}");
    }

    public void Dispose()
    {
        if (owned)
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
