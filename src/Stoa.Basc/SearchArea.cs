namespace Stoa.Basc;

/// <summary>
/// The rectangle of map pixels where sources are searched for: pixels <see cref="X"/> … <see cref="X"/> +
/// <see cref="Width"/> − 1 along NAXIS1 and <see cref="Y"/> … <see cref="Y"/> + <see cref="Height"/> − 1 along NAXIS2
/// (0-based). At most half the map in each direction, so every offset between two sources lies inside the PSF.
/// </summary>
/// <param name="X">First column searched (pixels, 0-based).</param>
/// <param name="Y">First row searched (pixels, 0-based).</param>
/// <param name="Width">Columns searched (pixels).</param>
/// <param name="Height">Rows searched (pixels).</param>
public readonly record struct SearchArea(int X, int Y, int Width, int Height)
{
    /// <summary>The original BaSC's area: the central half of a <paramref name="width"/> × <paramref name="height"/> map.</summary>
    /// <param name="width">Map width (pixels, NAXIS1).</param>
    /// <param name="height">Map height (pixels, NAXIS2).</param>
    /// <returns>Columns width/4 … width/4 + width/2 − 1, rows likewise.</returns>
    public static SearchArea CentralHalf(int width, int height) => new(width / 4, height / 4, width / 2, height / 2);

    /// <summary>Whether pixel (<paramref name="x"/>, <paramref name="y"/>) is searched.</summary>
    internal bool Contains(int x, int y) => x >= X && x < X + Width && y >= Y && y < Y + Height;
}
