namespace Stoa.Fits;

/// <summary>
/// One header-data unit: a <see cref="FitsImage"/>, a <see cref="FitsTable"/>, or a <see cref="FitsRawHdu"/>
/// (any other extension, kept byte for byte).
/// </summary>
public abstract class FitsHdu
{
    private protected FitsHdu(FitsHeader header) => Header = header;

    /// <summary>Gets the header. Structural keywords are regenerated from the data when the HDU is written.</summary>
    public FitsHeader Header { get; }

    /// <summary>Gets or sets the HDU name (the <c>EXTNAME</c> keyword); null when absent.</summary>
    public string? Name
    {
        get => Header.TryGetString("EXTNAME", out string name) ? name : null;
        set
        {
            if (value is null)
            {
                Header.Remove("EXTNAME");
            }
            else
            {
                Header.Set("EXTNAME", value);
            }
        }
    }

    /// <summary>Writes header and data (padded to 2880-byte blocks) at the current position.</summary>
    internal abstract void WriteTo(Stream stream, bool primary, bool moreFollow);
}
