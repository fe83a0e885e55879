using System.Security;

namespace Stoa.Packages.Tests.NativeAot;

/// <summary>
/// The nuget.config of the AOT consumer: Stoa.* only from the packed folder; everything else (the ILCompiler packs
/// included) from the user's package folder used as a local source when it exists, so the test runs offline, else
/// nuget.org. A fresh global packages folder under the consumer keeps a stale Stoa.* of the same version out.
/// </summary>
internal static class ConsumerNuGet
{
    public static string Config(string root, string packedFolder)
    {
        var userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
            ? p
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var others = Directory.Exists(userPackages) ? userPackages : "https://api.nuget.org/v3/index.json";
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{SecurityElement.Escape(Path.Combine(root, "packages"))}" /></config>
              <packageSources>
                <clear />
                <add key="stoa" value="{SecurityElement.Escape(packedFolder)}" />
                <add key="others" value="{SecurityElement.Escape(others)}" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="stoa"><package pattern="Stoa.*" /></packageSource>
                <packageSource key="others"><package pattern="*" /></packageSource>
              </packageSourceMapping>
              <fallbackPackageFolders><clear /></fallbackPackageFolders>
            </configuration>

            """;
    }
}
