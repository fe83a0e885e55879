using System.Buffers;
using System.Runtime.InteropServices;

namespace Stoa.Fits;

/// <summary>
/// An image HDU: the primary HDU or an <c>IMAGE</c> extension, with 0 to 999 axes and any <c>BITPIX</c>.
/// </summary>
/// <remarks>
/// <para>Axes are in FITS order: <c>Axes[0]</c> is <c>NAXIS1</c>, the fastest-varying axis (x, the column), so in the
/// flat pixel arrays pixel (x, y) of a plane is at index <c>y * Width + x</c>, both 0-based. A CASA-style radio image
/// has axes (x, y, frequency, Stokes) = (<c>nx</c>, <c>ny</c>, 1, 1), that is shape (1, 1, ny, nx) in C/numpy order.</para>
/// <para>An image read from a file or seekable stream keeps no pixels in memory: each <c>ReadPixels</c> call reads the
/// data once, straight into the array it returns. An image from a stream that cannot seek holds its data bytes.</para>
/// </remarks>
public sealed partial class FitsImage : FitsHdu
{
    private const int ChunkBytes = 1 << 20;

    private readonly DataSource? _source;
    private readonly Array? _native;
    private readonly bool _nativeFlipped;
    private readonly long[] _axes;
    private readonly int _hdu;

    internal FitsImage(FitsHeader header, HduLayout layout, DataSource? source, int hdu)
        : base(header)
    {
        _source = source;
        _axes = layout.Axes;
        _hdu = hdu;
        Bitpix = layout.Bitpix;
        PixelCount = Product(_axes);
        Scale = ReadScaling(header, "BSCALE", 1, hdu);
        Zero = ReadScaling(header, "BZERO", 0, hdu);
        if (Scale == 0)
        {
            throw new FitsFormatException(hdu, HduLayout.CardNumber(header, header.IndexOf("BSCALE")), "BSCALE = 0 would make every pixel equal to BZERO");
        }

        if ((int)Bitpix > 0 && header.Find("BLANK") is { } blank)
        {
            Blank = blank is { Kind: FitsValueKind.Integer, Value: long b }
                ? b
                : throw new FitsFormatException(hdu, HduLayout.CardNumber(header, header.IndexOf("BLANK")), $"BLANK must be an integer, not '{blank.ValueText()}'");
        }
    }

    private FitsImage(FitsBitpix bitpix, long[] axes, Array? native, double zero, bool flipped)
        : base(new FitsHeader())
    {
        _axes = axes;
        _native = native;
        _nativeFlipped = flipped;
        _hdu = -1;
        Bitpix = bitpix;
        PixelCount = Product(axes);
        Scale = 1;
        Zero = zero;
        foreach (var card in StructuralCards(primary: true))
        {
            Header.Add(card);
        }
    }

    /// <summary>Gets the stored pixel type (<c>BITPIX</c>).</summary>
    public FitsBitpix Bitpix { get; }

    /// <summary>Gets the axis lengths in FITS order: <c>Axes[0]</c> is <c>NAXIS1</c> (x, fastest varying).</summary>
    public IReadOnlyList<long> Axes => _axes;

    /// <summary>Gets the number of pixels (the product of the axes; 0 when <c>NAXIS = 0</c>).</summary>
    public long PixelCount { get; }

    /// <summary>Gets <c>BSCALE</c>: physical = <see cref="Zero"/> + <see cref="Scale"/> × stored. The default value is 1.</summary>
    public double Scale { get; }

    /// <summary>Gets <c>BZERO</c>. The default value is 0; 32768 with <c>BITPIX = 16</c> stores unsigned 16-bit pixels,
    /// 2147483648 with <c>BITPIX = 32</c> unsigned 32-bit ones, and -128 with <c>BITPIX = 8</c> signed bytes.</summary>
    public double Zero { get; }

    /// <summary>Gets <c>BLANK</c>, the stored value of undefined pixels of an integer image, or null.</summary>
    public long? Blank { get; }

    /// <summary>Gets the width, <c>NAXIS1</c>, in pixels.</summary>
    /// <exception cref="InvalidOperationException">The image has fewer than 2 axes.</exception>
    public int Width => checked((int)PlaneAxis(0));

    /// <summary>Gets the height, <c>NAXIS2</c>, in pixels.</summary>
    /// <exception cref="InvalidOperationException">The image has fewer than 2 axes.</exception>
    public int Height => checked((int)PlaneAxis(1));

    /// <summary>Gets a value indicating whether the image is a single plane: 2 or more axes, all beyond the second of
    /// length 1 (a 2-D image, or a CASA-style (x, y, 1, 1) cube).</summary>
    public bool IsPlane => _axes.Length >= 2 && _axes.Skip(2).All(n => n == 1);

    /// <summary>Creates an image from pixels in FITS order (x fastest). The array is referenced, not copied: do not
    /// change it until the image is written.</summary>
    /// <typeparam name="T"><see cref="byte"/>, <see cref="sbyte"/>, <see cref="short"/>, <see cref="ushort"/>,
    /// <see cref="int"/>, <see cref="uint"/>, <see cref="long"/>, <see cref="ulong"/>, <see cref="float"/> or
    /// <see cref="double"/>. Unsigned 16/32/64-bit and signed 8-bit pixels are stored with the standard <c>BZERO</c> offset.</typeparam>
    /// <param name="pixels">The pixels; the length must equal the product of the axes.</param>
    /// <param name="axes">The axis lengths, <c>NAXIS1</c> first (e.g. <c>width, height</c>).</param>
    /// <returns>The image.</returns>
    /// <exception cref="ArgumentException">The length does not match the axes, or there are more than 999 axes.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a FITS pixel type.</exception>
    public static FitsImage Create<T>(T[] pixels, params int[] axes)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(axes);
        if (axes.Length > 999 || axes.Any(a => a < 0))
        {
            throw new ArgumentException($"FITS images have 0-999 axes of length >= 0; got [{string.Join(", ", axes)}]", nameof(axes));
        }

        long[] lengths = [.. axes.Select(a => (long)a)];
        long count = Product(lengths);
        if (count != pixels.LongLength)
        {
            throw new ArgumentException($"{pixels.Length} pixels do not fill axes [{string.Join(", ", axes)}] ({count} pixels)", nameof(pixels));
        }

        var (bitpix, zero, flipped) = StorageOf(typeof(T));
        return new FitsImage(bitpix, lengths, pixels, zero, flipped);
    }

    /// <summary>Creates a CASA-style single-plane image with axes (x, y, frequency, Stokes) = (width, height, 1, 1),
    /// i.e. shape (1, 1, ny, nx) in C order. Pixel (x, y) is at index <c>y * width + x</c>.</summary>
    /// <typeparam name="T">A FITS pixel type, as for <see cref="Create{T}(T[], int[])"/>.</typeparam>
    /// <param name="pixels">width × height pixels, x fastest; referenced, not copied.</param>
    /// <param name="width">NAXIS1.</param>
    /// <param name="height">NAXIS2.</param>
    /// <returns>The image.</returns>
    public static FitsImage CreateCasaPlane<T>(T[] pixels, int width, int height)
        where T : unmanaged => Create(pixels, width, height, 1, 1);

    /// <summary>Creates an image HDU without data (<c>NAXIS = 0</c>), e.g. a primary HDU holding only keywords.</summary>
    /// <returns>The image.</returns>
    public static FitsImage CreateEmpty() => new(FitsBitpix.UInt8, [], null, 0, false);

    /// <summary>
    /// Reads all pixels into a new array, in FITS order (x fastest).
    /// </summary>
    /// <typeparam name="T">
    /// <see cref="float"/> or <see cref="double"/>: physical values, <c>BZERO + BSCALE × stored</c>, with <c>BLANK</c>
    /// pixels as NaN. An integer type: the exact values, allowed when it matches the stored type and there is no
    /// scaling (e.g. <see cref="short"/> for <c>BITPIX = 16</c>) or is the unsigned type given by the standard
    /// <c>BZERO</c> (e.g. <see cref="ushort"/> for <c>BITPIX = 16, BZERO = 32768</c>); <c>BLANK</c> is not substituted.
    /// </typeparam>
    /// <returns>A new array of <see cref="PixelCount"/> values, owned by the caller.</returns>
    /// <exception cref="InvalidOperationException">An integer <typeparamref name="T"/> cannot hold the values exactly.</exception>
    /// <exception cref="NotSupportedException">More pixels than a .NET array holds, or <typeparamref name="T"/> is not a pixel type.</exception>
    /// <exception cref="FitsFormatException">The file ended early.</exception>
    /// <exception cref="ObjectDisposedException">The <see cref="FitsFile"/> this image came from was disposed.</exception>
    public T[] ReadPixels<T>()
        where T : unmanaged
    {
        if (PixelCount > Array.MaxLength)
        {
            throw new NotSupportedException($"{PixelCount} pixels exceed the largest .NET array ({Array.MaxLength})");
        }

        // Every element is overwritten, so the array need not be zeroed first.
        var result = FreshMemory.Populate(GC.AllocateUninitializedArray<T>((int)PixelCount));
        ReadPixels<T>(result);
        return result;
    }

    /// <summary>Reads all pixels into <paramref name="destination"/>; see <see cref="ReadPixels{T}()"/> for the types.</summary>
    /// <typeparam name="T">The element type, as for <see cref="ReadPixels{T}()"/>.</typeparam>
    /// <param name="destination">Exactly <see cref="PixelCount"/> elements.</param>
    /// <exception cref="ArgumentException">The destination length is not <see cref="PixelCount"/>.</exception>
    public void ReadPixels<T>(Span<T> destination)
        where T : unmanaged
    {
        if (destination.Length != PixelCount)
        {
            throw new ArgumentException($"destination holds {destination.Length} elements; the image has {PixelCount} pixels", nameof(destination));
        }

        int size = ElementSize;
        if (typeof(T) == typeof(float) || typeof(T) == typeof(double))
        {
            if (StoredTypeMatches<T>() && Scale == 1 && Zero == 0)
            {
                ReadStored(0, MemoryMarshal.AsBytes(destination));
                return;
            }

            byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
            try
            {
                int perChunk = ChunkBytes / size;
                for (int start = 0; start < destination.Length; start += perChunk)
                {
                    int n = Math.Min(perChunk, destination.Length - start);
                    var bytes = chunk.AsSpan(0, n * size);
                    ReadStored((long)start * size, bytes);
                    if (typeof(T) == typeof(float))
                    {
                        PixelCodec.ToSingle(bytes, Bitpix, Scale, Zero, Blank, MemoryMarshal.Cast<T, float>(destination.Slice(start, n)));
                    }
                    else
                    {
                        PixelCodec.ToDouble(bytes, Bitpix, Scale, Zero, Blank, MemoryMarshal.Cast<T, double>(destination.Slice(start, n)));
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            return;
        }

        var (bitpix, zero, flipped) = StorageOf(typeof(T));
        if (bitpix != Bitpix || Scale != 1 || zero != Zero)
        {
            throw new InvalidOperationException(
                $"pixels with BITPIX = {(int)Bitpix}, BSCALE = {Scale}, BZERO = {Zero} cannot be read exactly as {typeof(T).Name}; read them as float or double");
        }

        var target = MemoryMarshal.AsBytes(destination);
        ReadStored(0, target);
        if (flipped)
        {
            BigEndian.FlipSignBits(target, size);
        }
    }

    internal int ElementSize => Math.Abs((int)Bitpix) / 8;

    internal static (FitsBitpix Bitpix, double Zero, bool Flipped) StorageOf(Type type)
    {
        if (type == typeof(byte)) return (FitsBitpix.UInt8, 0, false);
        if (type == typeof(sbyte)) return (FitsBitpix.UInt8, -128, true);
        if (type == typeof(short)) return (FitsBitpix.Int16, 0, false);
        if (type == typeof(ushort)) return (FitsBitpix.Int16, 32768, true);
        if (type == typeof(int)) return (FitsBitpix.Int32, 0, false);
        if (type == typeof(uint)) return (FitsBitpix.Int32, 2147483648, true);
        if (type == typeof(long)) return (FitsBitpix.Int64, 0, false);
        if (type == typeof(ulong)) return (FitsBitpix.Int64, 9223372036854775808, true);
        if (type == typeof(float)) return (FitsBitpix.Single, 0, false);
        if (type == typeof(double)) return (FitsBitpix.Double, 0, false);
        throw new NotSupportedException($"{type.Name} is not a FITS pixel type (byte, sbyte, short, ushort, int, uint, long, ulong, float, double)");
    }

    /// <summary>Copies stored values (native byte order, signed as in the file) starting at a byte offset.</summary>
    private void ReadStored(long byteOffset, Span<byte> destination)
    {
        if (_native is not null)
        {
            ReadOnlySpan<byte> all = ArrayBytes.Of(_native);
            all.Slice(checked((int)byteOffset), destination.Length).CopyTo(destination);
            if (_nativeFlipped)
            {
                BigEndian.FlipSignBits(destination, ElementSize);
            }

            return;
        }

        if (_source is null)
        {
            return;
        }

        // Reads go straight into the caller's array, 1 MiB at a time, each piece swapped in place while it is still
        // in cache: one pass over memory instead of a read followed by a second full sweep for the byte order.
        const int Step = 1 << 20;
        for (int done = 0; done < destination.Length; done += Step)
        {
            var piece = destination.Slice(done, Math.Min(Step, destination.Length - done));
            _source.Read(byteOffset + done, piece);
            BigEndian.SwapInPlace(piece, ElementSize);
        }
    }

    private bool StoredTypeMatches<T>() =>
        (typeof(T) == typeof(float) && Bitpix == FitsBitpix.Single) || (typeof(T) == typeof(double) && Bitpix == FitsBitpix.Double);

    private long PlaneAxis(int axis) =>
        _axes.Length >= 2 ? _axes[axis] : throw new InvalidOperationException($"the image has {_axes.Length} axes; Width and Height need at least 2");

    private static long Product(long[] axes)
    {
        if (axes.Length == 0)
        {
            return 0;
        }

        long p = 1;
        foreach (long a in axes)
        {
            p = checked(p * a);
        }

        return p;
    }

    private static double ReadScaling(FitsHeader header, string keyword, double defaultValue, int hdu)
    {
        var card = header.Find(keyword);
        return card switch
        {
            null => defaultValue,
            { Kind: FitsValueKind.Integer, Value: long l } => l,
            { Kind: FitsValueKind.Real, Value: double d } => d,
            _ => throw new FitsFormatException(hdu, HduLayout.CardNumber(header, header.IndexOf(keyword)), $"{keyword} must be a number, not '{card.ValueText()}'"),
        };
    }
}
