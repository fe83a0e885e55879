namespace Stoa.Fits;

/// <summary>
/// An HDU this library does not interpret (an ASCII <c>TABLE</c>, random groups, a foreign extension):
/// its header and its data bytes are kept and written back unchanged.
/// </summary>
public sealed class FitsRawHdu : FitsHdu
{
    private readonly DataSource? _source;

    internal FitsRawHdu(FitsHeader header, HduLayout layout, DataSource? source)
        : base(header)
    {
        _source = source;
        ExtensionType = layout.Extension;
        DataLength = layout.DataLength;
    }

    /// <summary>Gets the <c>XTENSION</c> value, e.g. <c>"TABLE"</c>; null for a primary HDU (random groups).</summary>
    public string? ExtensionType { get; }

    /// <summary>Gets the number of data bytes, without padding.</summary>
    public long DataLength { get; }

    /// <summary>Reads the data bytes, big-endian as in the file.</summary>
    /// <returns>A new array of <see cref="DataLength"/> bytes.</returns>
    /// <exception cref="NotSupportedException">The data are larger than a .NET array.</exception>
    public byte[] ReadData()
    {
        if (DataLength > Array.MaxLength)
        {
            throw new NotSupportedException($"{DataLength} bytes exceed the largest .NET array");
        }

        var bytes = new byte[DataLength];
        _source?.Read(0, bytes);
        return bytes;
    }

    internal override void WriteTo(Stream stream, bool primary, bool moreFollow)
    {
        if (primary != (ExtensionType is null))
        {
            throw new InvalidOperationException(primary
                ? $"a raw '{ExtensionType}' extension cannot be the primary HDU"
                : "a raw primary HDU (random groups) can only be written first");
        }

        // The header is written as read: its structural cards describe the unchanged data.
        HeaderWriter.Write(stream, [], Header, _ => false);
        if (_source is not null)
        {
            HeaderWriter.CopyData(stream, _source);
        }
        else
        {
            HeaderWriter.PadData(stream, 0);
        }
    }
}
