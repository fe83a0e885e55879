namespace Stoa.Fits;

/// <summary>Where an HDU's data bytes (big-endian, as in the file) come from.</summary>
internal abstract class DataSource
{
    protected DataSource(long length) => Length = length;

    /// <summary>Gets the number of data bytes (without the padding to 2880).</summary>
    public long Length { get; }

    /// <summary>Copies big-endian data bytes starting at <paramref name="offset"/> into <paramref name="destination"/>.</summary>
    public abstract void Read(long offset, Span<byte> destination);
}

/// <summary>Data still in the seekable stream; read on demand, never cached (so a large image is loaded once).</summary>
internal sealed class StreamDataSource : DataSource
{
    private readonly SharedStream _stream;
    private readonly long _start;
    private readonly int _hdu;

    public StreamDataSource(SharedStream stream, long start, long length, int hdu) : base(length)
    {
        _stream = stream;
        _start = start;
        _hdu = hdu;
    }

    public override void Read(long offset, Span<byte> destination) => _stream.Read(_start + offset, destination, _hdu);
}

/// <summary>Data already in memory (read from a stream that cannot seek).</summary>
internal sealed class BytesDataSource : DataSource
{
    private readonly byte[] _bytes;

    public BytesDataSource(byte[] bytes) : base(bytes.LongLength) => _bytes = bytes;

    public override void Read(long offset, Span<byte> destination) =>
        _bytes.AsSpan(checked((int)offset), destination.Length).CopyTo(destination);
}
