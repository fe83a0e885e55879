namespace Stoa.Fits;

/// <summary>The seekable stream a <see cref="FitsFile"/> reads lazily from; reads are serialised by a lock.</summary>
internal sealed class SharedStream : IDisposable
{
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly Lock _gate = new();
    private bool _disposed;

    public SharedStream(Stream stream, bool leaveOpen)
    {
        _stream = stream;
        _leaveOpen = leaveOpen;
    }

    public void Read(long position, Span<byte> destination, int hdu)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, typeof(FitsFile));
            _stream.Position = position;
            try
            {
                _stream.ReadExactly(destination);
            }
            catch (EndOfStreamException e)
            {
                throw new FitsFormatException($"FITS HDU {hdu}: truncated data: the stream ended before offset {position + destination.Length}", e);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (!_disposed && !_leaveOpen)
            {
                _stream.Dispose();
            }

            _disposed = true;
        }
    }
}
