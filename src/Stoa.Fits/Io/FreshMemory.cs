using System.Runtime.InteropServices;

namespace Stoa.Fits;

/// <summary>Asks the kernel to back a newly allocated array with memory in one call, before it is filled.</summary>
/// <remarks>
/// <para>A large array fresh from the GC is often fresh from the kernel too: each 4 KiB page then costs a page fault on
/// first write. On a virtual machine that returns freed pages to its host (free page reporting, as on Firecracker)
/// such a fault is expensive: filling a fresh 36 MB array took 230 ms of CPU here, against 12 ms after one
/// <c>madvise(MADV_POPULATE_WRITE)</c> (Linux ≥ 5.14) over the same pages. On memory that is already backed the call
/// only walks the page tables.</para>
/// <para>Before that, the 2 MiB-aligned interior of the array is marked <c>MADV_HUGEPAGE</c>: with transparent huge
/// pages in <c>madvise</c> mode (Debian's default) the kernel then backs it with 2 MiB pages, one page-table entry
/// and one zeroing call instead of 512. On this paravirtualised VM, where every page-table update is expensive, that
/// took populating and filling the benchmark table's fresh 36 MB from ~33 ms to ~20 ms (median, load 10–16). Where
/// huge pages are off or none is free the kernel quietly uses 4 KiB pages, as before. The mark outlives the array: the
/// GC reuses the range for later objects, which may then also get huge pages (a little more resident memory, never
/// other values). With THP <c>defrag</c> set to <c>madvise</c> a fragmented host may compact memory inside the
/// populate.</para>
/// <para>Best effort: any failure (another OS, an older kernel, no libc) leaves the faults to happen as usual.</para>
/// </remarks>
internal static class FreshMemory
{
    private const int PopulateWrite = 23; // MADV_POPULATE_WRITE
    private const int HugePage = 14; // MADV_HUGEPAGE
    private const long HugePageBytes = 2 << 20;
    private const int MinimumBytes = 1 << 20;
    private static bool s_unavailable = !OperatingSystem.IsLinux();

    /// <summary>Backs the pages of a large array of primitives; returns the array.</summary>
    public static T[] Populate<T>(T[] array)
        where T : unmanaged
    {
        long bytes = (long)array.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        if (s_unavailable || bytes < MinimumBytes)
        {
            return array;
        }

        long page = Environment.SystemPageSize;

        // Pinned only for the duration of the call, so the address stays valid while the kernel walks it.
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            // Whole pages inside the array only: the neighbours' pages are not ours to touch (they are backed anyway).
            long start = (handle.AddrOfPinnedObject() + page - 1) & -page;
            long end = (handle.AddrOfPinnedObject() + bytes) & -page;
            long hugeStart = (start + HugePageBytes - 1) & -HugePageBytes;
            long hugeEnd = end & -HugePageBytes;
            if (hugeEnd > hugeStart)
            {
                // A hint only: its failure (THP compiled out, a kernel that refuses) changes nothing but the page size.
                _ = MAdvise((nint)hugeStart, (nuint)(hugeEnd - hugeStart), HugePage);
            }

            if (end > start && MAdvise((nint)start, (nuint)(end - start), PopulateWrite) != 0)
            {
                // EINVAL: a kernel without MADV_POPULATE_WRITE; no point asking again.
                s_unavailable = true;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_unavailable = true;
        }
        finally
        {
            handle.Free();
        }

        return array;
    }

    [DllImport("libc", EntryPoint = "madvise", SetLastError = true)]
    private static extern int MAdvise(nint address, nuint length, int advice);
}
