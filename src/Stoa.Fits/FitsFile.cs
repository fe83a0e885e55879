namespace Stoa.Fits;

/// <summary>
/// A FITS file: its header-data units (HDUs), in order. The entry point for reading (<see cref="Open(string)"/>)
/// and writing (<see cref="Write(string, FitsHdu[])"/>) FITS.
/// </summary>
/// <remarks>
/// <para>Opening reads every header and checks the structure (mandatory keywords, data sizes against the file length);
/// pixel and table data are read on demand from a file or seekable stream, so the file must stay open (dispose
/// the <see cref="FitsFile"/> when done). From a stream that cannot seek, the data are read while opening.</para>
/// <para>Reads through one <see cref="FitsFile"/> are serialised; the type is safe to share between threads.</para>
/// </remarks>
public sealed class FitsFile : IDisposable
{
    private readonly SharedStream? _stream;
    private readonly List<FitsHdu> _hdus;

    private FitsFile(List<FitsHdu> hdus, SharedStream? stream)
    {
        _hdus = hdus;
        _stream = stream;
    }

    /// <summary>Gets the HDUs in file order; index 0 is the primary HDU.</summary>
    public IReadOnlyList<FitsHdu> Hdus => _hdus;

    /// <summary>Gets the primary HDU.</summary>
    public FitsHdu Primary => _hdus[0];

    /// <summary>Opens a FITS file for reading.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The file; dispose it when done.</returns>
    /// <exception cref="FitsFormatException">The file is not valid FITS; the message names the HDU, card and problem.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static FitsFile Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
        try
        {
            return Open(stream, leaveOpen: false);
        }
        catch (FitsFormatException e)
        {
            stream.Dispose();
            throw e.InFile(path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Opens FITS data from a stream. A seekable stream is read lazily; any other stream is read to the end now.</summary>
    /// <param name="stream">The stream, positioned at the start of the FITS data.</param>
    /// <param name="leaveOpen">Whether disposing the <see cref="FitsFile"/> leaves the stream open. The default value is false.</param>
    /// <returns>The file; dispose it when done.</returns>
    /// <exception cref="FitsFormatException">The data are not valid FITS.</exception>
    public static FitsFile Open(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        bool seekable = stream.CanSeek;
        var shared = seekable ? new SharedStream(stream, leaveOpen) : null;
        long origin = seekable ? stream.Position : 0;
        long position = origin;
        var hdus = new List<FitsHdu>();
        try
        {
            while (true)
            {
                int index = hdus.Count;
                if (seekable && index > 0 && position >= stream.Length)
                {
                    break;
                }

                var read = HeaderReader.Read(stream, index);
                if (read is null)
                {
                    break;
                }

                var (header, headerBytes) = read.Value;
                position += headerBytes;
                var layout = HduLayout.From(header, index);
                long length = layout.DataLength;
                DataSource? source = null;
                if (seekable)
                {
                    if (stream.Length - position < length)
                    {
                        throw new FitsFormatException(index, null,
                            $"truncated data: the header declares {length} data bytes from offset {position - origin} but the file ends {stream.Length - position} bytes later");
                    }

                    source = new StreamDataSource(shared!, position, length, index);
                    position += HduLayout.Padded(length);
                    stream.Position = Math.Min(position, stream.Length);
                }
                else
                {
                    source = ReadAll(stream, length, index);
                    SkipPadding(stream, length);
                    position += HduLayout.Padded(length);
                }

                hdus.Add(layout.Kind switch
                {
                    HduKind.Image => new FitsImage(header, layout, source, index),
                    HduKind.BinaryTable => new FitsTable(header, layout, source, index),
                    _ => new FitsRawHdu(header, layout, source),
                });
            }
        }
        catch
        {
            shared?.Dispose();
            if (!seekable && !leaveOpen)
            {
                stream.Dispose();
            }

            throw;
        }

        if (!seekable && !leaveOpen)
        {
            stream.Dispose();
        }

        return new FitsFile(hdus, shared);
    }

    /// <summary>Writes HDUs to a file. If the first HDU is not an image, an empty primary HDU is written before it.</summary>
    /// <remarks>The data go to a temporary file in the same folder that then replaces <paramref name="path"/> in one
    /// rename: readers never see a half-written file, a failed write leaves any old file untouched, and a
    /// <see cref="FitsFile"/> still open on the old file keeps reading it — so HDUs read from a file can be written back
    /// to the same path.</remarks>
    /// <param name="path">The file path.</param>
    /// <param name="hdus">The HDUs, in order.</param>
    /// <exception cref="ArgumentException">A value cannot be stored in FITS; the message names the column and row.</exception>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Write(string path, params FitsHdu[] hdus)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        string temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            // Unbuffered: data are written in large chunks already; headers are whole 2880-byte blocks.
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                Write(stream, hdus);
            }

            FileReplace.Replace(temporary, full);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Writes HDUs to a stream at its current position; see <see cref="Write(string, FitsHdu[])"/>.</summary>
    /// <param name="stream">A writable stream; it is left open.</param>
    /// <param name="hdus">The HDUs, in order.</param>
    public static void Write(Stream stream, IEnumerable<FitsHdu> hdus)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(hdus);
        var list = hdus.ToList();
        if (list.Count == 0 || list[0] is FitsTable || list[0] is FitsRawHdu { ExtensionType: not null })
        {
            list.Insert(0, FitsImage.CreateEmpty());
        }

        for (int i = 0; i < list.Count; i++)
        {
            list[i].WriteTo(stream, primary: i == 0, moreFollow: i < list.Count - 1);
        }

        stream.Flush();
    }

    /// <summary>Finds the first HDU named <paramref name="name"/> (<c>EXTNAME</c>, case-insensitive).</summary>
    /// <param name="name">The extension name.</param>
    /// <returns>The HDU or null.</returns>
    public FitsHdu? Find(string name) =>
        _hdus.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Gets the image at an HDU index.</summary>
    /// <param name="index">0-based HDU index.</param>
    /// <returns>The image.</returns>
    /// <exception cref="InvalidOperationException">That HDU is not an image.</exception>
    public FitsImage GetImage(int index) => _hdus[index] as FitsImage
        ?? throw new InvalidOperationException($"HDU {index} is a {_hdus[index].GetType().Name}, not an image");

    /// <summary>Gets the binary table at an HDU index.</summary>
    /// <param name="index">0-based HDU index (tables are extensions, so at least 1).</param>
    /// <returns>The table.</returns>
    /// <exception cref="InvalidOperationException">That HDU is not a binary table.</exception>
    public FitsTable GetTable(int index) => _hdus[index] as FitsTable
        ?? throw new InvalidOperationException($"HDU {index} is a {_hdus[index].GetType().Name}, not a binary table");

    /// <summary>Closes the underlying stream (unless it was opened with leaveOpen). Data not yet read can no longer be read.</summary>
    public void Dispose() => _stream?.Dispose();

    private static BytesDataSource ReadAll(Stream stream, long length, int hdu)
    {
        if (length > Array.MaxLength)
        {
            throw new FitsFormatException(hdu, null, $"{length} data bytes from a stream that cannot seek exceed the largest .NET array");
        }

        // Grown as bytes arrive, so a corrupt NAXISn cannot make us allocate gigabytes for a short stream.
        var buffer = new MemoryStream();
        byte[] chunk = new byte[Math.Min(length, 1 << 20)];
        long remaining = length;
        while (remaining > 0)
        {
            int n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, remaining));
            if (n == 0)
            {
                throw new FitsFormatException(hdu, null, $"truncated data: the header declares {length} data bytes but the stream ends after {length - remaining}");
            }

            buffer.Write(chunk, 0, n);
            remaining -= n;
        }

        return new BytesDataSource(buffer.Length == buffer.GetBuffer().Length ? buffer.GetBuffer() : buffer.ToArray());
    }

    private static void SkipPadding(Stream stream, long length)
    {
        int pad = (int)(HduLayout.Padded(length) - length);
        Span<byte> sink = stackalloc byte[pad];
        int total = 0;
        while (total < pad)
        {
            int n = stream.Read(sink[total..]);
            if (n == 0)
            {
                return;
            }

            total += n;
        }
    }
}
