using Stoa.Cwl.Running;

namespace Stoa.Cwl.Containers;

/// <summary>
/// The bind mounts of a tool's container. Paths inside the container are the host paths: the output and
/// temporary directories (writable), the staging directory (read-only) and, read-only, whatever its symbolic
/// links point to — so every path on the command line, in the input object and in expressions means the same
/// file on both sides, and nothing needs rewriting between host and container.
/// </summary>
internal static class ContainerMounts
{
    /// <param name="outdir">The job's output directory (writable).</param>
    /// <param name="tmpdir">The job's temporary directory (writable).</param>
    /// <param name="stageDir">Where inputs are staged as links (read-only); may not exist.</param>
    /// <param name="writableLinks">Whether links in the output directory point to files the tool may change (InplaceUpdateRequirement).</param>
    /// <param name="extra">Further mounts, e.g. the output directory again at dockerOutputDirectory.</param>
    public static IReadOnlyList<ContainerMount> Collect(string outdir, string tmpdir, string stageDir, bool writableLinks, IEnumerable<ContainerMount> extra)
    {
        var mounts = new List<ContainerMount> { new(outdir, outdir, false), new(tmpdir, tmpdir, false) };
        if (Directory.Exists(stageDir))
        {
            mounts.Add(new ContainerMount(stageDir, stageDir, true));
        }

        var ownMounts = mounts.Count;
        string[] visible = [outdir, tmpdir, stageDir];
        var targets = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var (root, writable) in new[] { (stageDir, false), (outdir, writableLinks) })
        {
            foreach (var link in LinkTargets(root))
            {
                // A link to a link inside the job's directories (an in-place entry pointing at its staged input)
                // is followed, so that the file finally written is the one mounted writable.
                var target = link;
                while (visible.Any(v => IsInside(target, v)) && new FileInfo(target).LinkTarget is { } next)
                {
                    target = Path.GetFullPath(next, Path.GetDirectoryName(target)!);
                }

                if (!visible.Any(v => IsInside(target, v)))
                {
                    targets[target] = (targets.TryGetValue(target, out var w) && w) || writable;
                }
            }
        }

        // Parents before children; a target inside another mounted target is already visible through it.
        foreach (var target in targets.Keys.Order(StringComparer.Ordinal))
        {
            if (!mounts.Skip(ownMounts).Any(m => IsInside(target, m.Target)))
            {
                mounts.Add(new ContainerMount(target, target, !targets[target]));
            }
        }

        mounts.AddRange(extra);
        return mounts;
    }

    /// <summary>Absolute targets of the symbolic links under <paramref name="root"/> (links are not followed).</summary>
    private static IEnumerable<string> LinkTargets(string root)
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }

        var pending = new Stack<string>([root]);
        while (pending.TryPop(out var dir))
        {
            foreach (var entry in new DirectoryInfo(dir).EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget is { } link)
                {
                    var target = Path.GetFullPath(link, dir);
                    if (File.Exists(target) || Directory.Exists(target))
                    {
                        yield return target;
                    }
                }
                else if (entry is DirectoryInfo)
                {
                    pending.Push(entry.FullName);
                }
            }
        }
    }

    private static bool IsInside(string path, string dir) =>
        path == dir || path.StartsWith(dir.EndsWith('/') ? dir : dir + "/", StringComparison.Ordinal);
}
