namespace Stoa.Fits.Tests.Support;

/// <summary>Small helpers: write HDUs to bytes and open bytes.</summary>
internal static class FitsBytes
{
    public static byte[] ToBytes(params FitsHdu[] hdus)
    {
        using var ms = new MemoryStream();
        FitsFile.Write(ms, hdus);
        return ms.ToArray();
    }

    public static FitsFile Open(byte[] bytes, bool seekable = true) =>
        FitsFile.Open(seekable ? new MemoryStream(bytes, writable: false) : new NonSeekableStream(bytes));

    /// <summary>Builds a raw header block from card texts (each padded to 80), END, and blank padding.</summary>
    public static byte[] Header(params string[] cards)
    {
        var text = string.Concat(cards.Select(c => c.PadRight(80))) + "END".PadRight(80);
        int padded = (text.Length + 2879) / 2880 * 2880;
        return System.Text.Encoding.ASCII.GetBytes(text.PadRight(padded));
    }
}
