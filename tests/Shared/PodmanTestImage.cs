using System.Diagnostics;
using System.Formats.Tar;

namespace Stoa.Tests.Shared;

/// <summary>
/// A tiny image under one test-only tag in the real podman, built without a registry the way
/// eng/container-images.sh builds the suite's images: a busybox root file system imported with <c>podman import</c>.
/// Rebuilding it with other content gives the same name another id. Every id it made is removed on dispose.
/// </summary>
internal sealed class PodmanTestImage : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("stoa-image-").FullName;
    private readonly List<string> _ids = [];

    /// <summary>The tag, unique to this instance.</summary>
    public string Tag { get; } = "localhost/stoa-test-image:" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>(Re)builds the image: /etc/stoa-image-content holds <paramref name="content"/>.</summary>
    /// <returns>Its id, <c>sha256:…</c>.</returns>
    public string Build(string content)
    {
        Podman("import", "--change", "CMD=[\"/bin/sh\"]", RootFileSystem(content), Tag);
        return CurrentId()!;
    }

    /// <summary>The id podman holds under <see cref="Tag"/> now, or null.</summary>
    public string? CurrentId()
    {
        var (code, output) = Run("image", "inspect", "--format", "{{.Id}}", Tag);
        if (code != 0)
        {
            return null;
        }

        var id = "sha256:" + output.Trim();
        if (!_ids.Contains(id))
        {
            _ids.Add(id);
        }

        return id;
    }

    /// <summary>A root file system tarball (for <c>dockerImport</c>) whose /etc/stoa-image-content holds <paramref name="content"/>.</summary>
    public string RootFileSystem(string content)
    {
        Assert.True(File.Exists("/bin/busybox"), "/bin/busybox is missing (apt-get install busybox-static)");
        var root = Path.Combine(_scratch, "rootfs-" + Guid.NewGuid().ToString("N")[..6]);
        foreach (var dir in (string[])["bin", "etc", "tmp"])
        {
            Directory.CreateDirectory(Path.Combine(root, dir));
        }

        File.Copy("/bin/busybox", Path.Combine(root, "bin", "busybox"));
        foreach (var applet in (string[])["sh", "cat"])
        {
            File.CreateSymbolicLink(Path.Combine(root, "bin", applet), "busybox");
        }

        File.WriteAllText(Path.Combine(root, "etc", "stoa-image-content"), content);
        var tar = root + ".tar";
        TarFile.CreateFromDirectory(root, tar, includeBaseDirectory: false);
        return tar;
    }

    private static void Podman(params string[] args)
    {
        var (code, output) = Run(args);
        Assert.True(code == 0, $"podman {string.Join(' ', args)}: {output}");
    }

    private static (int Code, string Output) Run(params string[] args)
    {
        var psi = new ProcessStartInfo("podman") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, p.ExitCode == 0 ? stdout : stderr.Result);
    }

    public void Dispose()
    {
        foreach (var id in _ids)
        {
            Run("rmi", "--force", id);
        }

        Directory.Delete(_scratch, recursive: true);
    }
}
