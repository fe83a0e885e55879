using System.Security;

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

    /// <summary>
    /// The project file of a console app outside the repository referencing exactly these packed packages (each at
    /// its packed version), with <paramref name="properties"/> (e.g. <c>&lt;PublishAot&gt;true&lt;/PublishAot&gt;</c>) added.
    /// </summary>
    public string ConsumerProject(IEnumerable<string> ids, string properties = "")
    {
        var references = string.Concat(ids.Select(id =>
            $"    <PackageReference Include=\"{SecurityElement.Escape(id)}\" Version=\"[{SecurityElement.Escape(VersionOf(id))}]\" />\n"));
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>{properties}
              </PropertyGroup>
              <ItemGroup>
            {references}  </ItemGroup>
            </Project>

            """;
    }

    /// <summary>
    /// Empty Directory.Build.props/.targets and Directory.Packages.props in <paramref name="root"/>, so nothing of a
    /// build around the folder (this repository's, if the temporary folder were inside it) reaches consumers there.
    /// </summary>
    public static void IsolateConsumerFolder(string root)
    {
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(root, name), "<Project />\n");
        }
    }

    /// <summary>
    /// The nuget.config of a consumer folder <paramref name="root"/>: Stoa.* only from these packed packages, a fresh
    /// global packages folder under <paramref name="root"/> (a stale Stoa.* of the same version cannot be picked), and
    /// every other package from the user's package folder — as a fallback folder beside nuget.org (nothing copied;
    /// skipped when it holds a Stoa.*, which could be an older build of the same version), or as the only other source
    /// (<paramref name="userFolderAsSource"/>: restores offline; the Native AOT consumer needs the ILCompiler packs).
    /// </summary>
    public string NuGetConfig(string root, bool userFolderAsSource = false)
    {
        var userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var others = userFolderAsSource && Directory.Exists(userPackages) ? userPackages : "https://api.nuget.org/v3/index.json";
        var fallback = !userFolderAsSource && Directory.Exists(userPackages) && Directory.GetDirectories(userPackages, "stoa.*").Length == 0
            ? $"""<add key="user" value="{SecurityElement.Escape(userPackages)}" />"""
            : "";
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{SecurityElement.Escape(Path.Combine(root, "packages"))}" /></config>
              <packageSources>
                <clear />
                <add key="stoa" value="{SecurityElement.Escape(Folder)}" />
                <add key="others" value="{SecurityElement.Escape(others)}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="stoa"><package pattern="Stoa.*" /></packageSource>
                <packageSource key="others"><package pattern="*" /></packageSource>
              </packageSourceMapping>
              <fallbackPackageFolders><clear />{fallback}</fallbackPackageFolders>
            </configuration>

            """;
    }

    public void Dispose()
    {
        if (owned)
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
