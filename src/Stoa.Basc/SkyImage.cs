namespace Stoa.Basc;

/// <summary>
/// A two-dimensional image in the layout of a FITS array: <see cref="Width"/> columns along NAXIS1 (x) and
/// <see cref="Height"/> rows along NAXIS2 (y), stored row by row, so pixel (x, y) is <c>Pixels[y * Width + x]</c>.
/// </summary>
public sealed class SkyImage
{
    private readonly double[] _pixels;

    /// <summary>Wraps <paramref name="pixels"/> (not copied) as a <paramref name="width"/> × <paramref name="height"/> image.</summary>
    /// <param name="width">Number of columns (NAXIS1).</param>
    /// <param name="height">Number of rows (NAXIS2).</param>
    /// <param name="pixels">Row-major pixel values, length <paramref name="width"/> × <paramref name="height"/>.</param>
    /// <param name="source">Where the image came from (a file name), used in error messages; <see langword="null"/> for arrays.</param>
    /// <exception cref="ArgumentException">The length of <paramref name="pixels"/> does not match the shape.</exception>
    public SkyImage(int width, int height, double[] pixels, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if ((long)width * height != pixels.Length)
        {
            throw new ArgumentException($"{width} × {height} image needs {(long)width * height} pixels, got {pixels.Length}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        _pixels = pixels;
        Source = source;
    }

    /// <summary>Number of columns (FITS NAXIS1, the x axis).</summary>
    public int Width { get; }

    /// <summary>Number of rows (FITS NAXIS2, the y axis).</summary>
    public int Height { get; }

    /// <summary>The pixel values, row-major (x fastest).</summary>
    public ReadOnlySpan<double> Pixels => _pixels;

    /// <summary>Where the image came from (e.g. a file name), or <see langword="null"/>.</summary>
    public string? Source { get; }

    /// <summary>
    /// Converts 0-based pixel coordinates (pixel centres at integers, x along NAXIS1) to right ascension and
    /// declination in degrees; <see langword="null"/> when the image has no celestial WCS.
    /// </summary>
    public Func<double, double, (double Ra, double Dec)>? PixelToWorld { get; init; }

    /// <summary>The value of pixel (<paramref name="x"/>, <paramref name="y"/>).</summary>
    /// <param name="x">Column, 0-based.</param>
    /// <param name="y">Row, 0-based.</param>
    public double this[int x, int y] => _pixels[(y * Width) + x];

    /// <summary>The name used for this image in messages: its <see cref="Source"/>, or <paramref name="fallback"/>.</summary>
    internal string NameOr(string fallback) => Source ?? fallback;

    /// <summary>The backing array, for internal kernels that must not copy.</summary>
    internal double[] Array => _pixels;
}
