using System.Runtime.InteropServices;

namespace Stoa.Fits;

/// <summary>Puts a completely written temporary file in the place of a target path, atomically.</summary>
/// <remarks>
/// <para>On Linux the two names are swapped with <c>renameat2(RENAME_EXCHANGE)</c> and the old file, now under the
/// temporary name, is removed. A plain <c>rename</c> over an existing file makes ext4 (its <c>auto_da_alloc</c>
/// heuristic for replace-by-rename) start writing the new file's blocks to disk inside the rename call: measured here
/// for 64 MiB, 27 ms instead of 9 ms, more than the whole write. An exchange is just as atomic for readers (they see
/// the old file or the new one) but does not trigger that flush. As before, nothing is fsynced: a power cut may lose
/// the new data, which FITS writers (astropy, cfitsio) do not promise either.</para>
/// <para>Where the exchange is unavailable (another OS, a file system without it, no target yet), a plain move.</para>
/// </remarks>
internal static class FileReplace
{
    private const int CurrentDirectory = -100; // AT_FDCWD
    private const uint Exchange = 2; // RENAME_EXCHANGE

    public static void Replace(string temporary, string target)
    {
        if (OperatingSystem.IsLinux() && TryExchange(temporary, target))
        {
            File.Delete(temporary);
            return;
        }

        File.Move(temporary, target, overwrite: true);
    }

    private static bool TryExchange(string temporary, string target)
    {
        try
        {
            // Fails with ENOENT when there is no target yet (then a plain rename does not flush) and with EINVAL
            // on file systems that cannot exchange; either way the caller moves instead.
            return File.Exists(target) && RenameAt2(CurrentDirectory, temporary, CurrentDirectory, target, Exchange) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // renameat2(2): glibc ≥ 2.28, Linux ≥ 3.15.
    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int RenameAt2(int oldDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, int newDirectory,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);
}
