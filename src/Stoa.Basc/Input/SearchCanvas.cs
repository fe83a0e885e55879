namespace Stoa.Basc.Input;

/// <summary>
/// The square the sampler works on. The likelihood wants an S × S map and PSF with the PSF peak at (S/2, S/2) and
/// searches the central S/2 × S/2 square; a W × H map with any <see cref="SearchArea"/> is placed in the smallest such
/// canvas (S ≥ W, H, even) that puts the PSF peak (W/2, H/2) at the canvas centre and the search area inside the
/// central square. The padding is zero and every canvas pixel outside the search area is blocked for sources.
/// </summary>
/// <remarks>
/// Zero padding of the PSF is exact here: sources lie in the search area, at most W/2 × H/2, so no offset between two
/// of them reaches past the PSF's own pixels. A square map searched over its central half gives S = W and no shift:
/// the canvas is the map itself and nothing is blocked.
/// </remarks>
internal sealed class SearchCanvas(int width, int height, SearchArea area, int size)
{
    private readonly int _width = width;
    private readonly int _height = height;
    private readonly SearchArea _area = area;

    /// <summary>S, the canvas side (pixels).</summary>
    public int Size { get; } = size;

    /// <summary>Canvas x of map column 0.</summary>
    public int OffsetX { get; } = (size / 2) - (width / 2);

    /// <summary>Canvas y of map row 0.</summary>
    public int OffsetY { get; } = (size / 2) - (height / 2);

    public static SearchCanvas Create(int width, int height, SearchArea area)
    {
        for (int s = Math.Max(width, height) + ((Math.Max(width, height) & 1) == 1 ? 1 : 0); ; s += 2)
        {
            var canvas = new SearchCanvas(width, height, area, s);
            int lo = s / 4, hi = (s / 4) + (s / 2);
            if (area.X + canvas.OffsetX >= lo && area.X + area.Width + canvas.OffsetX <= hi
                && area.Y + canvas.OffsetY >= lo && area.Y + area.Height + canvas.OffsetY <= hi)
            {
                return canvas;
            }
        }
    }

    private bool IsIdentity => Size == _width && Size == _height && _area == SearchArea.CentralHalf(_width, _height);

    /// <summary>A W × H image placed on the canvas, zero outside it.</summary>
    public double[] Place(double[] image)
    {
        if (IsIdentity)
        {
            return image;
        }

        var placed = new double[Size * Size];
        for (int y = 0; y < _height; y++)
        {
            image.AsSpan(y * _width, _width).CopyTo(placed.AsSpan(((y + OffsetY) * Size) + OffsetX));
        }

        return placed;
    }

    /// <summary>Per canvas pixel, whether a source may not sit there: blanked in the map or outside the search area.</summary>
    public bool[]? Blocked(bool[]? blanked)
    {
        if (IsIdentity)
        {
            return blanked;
        }

        var blocked = new bool[Size * Size];
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                int mx = x - OffsetX, my = y - OffsetY;
                blocked[(y * Size) + x] = !_area.Contains(mx, my) || (blanked is not null && blanked[(my * _width) + mx]);
            }
        }

        return blocked;
    }
}
