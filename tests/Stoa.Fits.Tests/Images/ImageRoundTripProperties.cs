using System.Runtime.InteropServices;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Stoa.Fits.Tests.Support;

namespace Stoa.Fits.Tests.Images;

public class ImageRoundTripProperties
{
    private static Gen<int[]> Axes =>
        Gen.Choose(0, 5).SelectMany(n => Gen.ArrayOf(Gen.Choose(1, 7), n)).Select(a => a.Length == 0 ? a : a);

    private static T[] Random<T>(int count, int seed)
        where T : unmanaged
    {
        var values = new T[count];
        new Random(seed).NextBytes(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    private static void RoundTrip<T>(int[] axes, int seed, bool seekable)
        where T : unmanaged
    {
        int count = axes.Length == 0 ? 0 : axes.Aggregate(1, (a, b) => a * b);
        var pixels = Random<T>(count, seed);
        var image = FitsImage.Create(pixels, axes);
        image.Header.Set("OBSERVER", "round trip");
        var table = FitsTable.Create(new FitsColumn("x", new[] { 1, 2 }));
        var extension = FitsImage.Create(pixels, axes);
        extension.Name = "SECOND";
        using var file = FitsBytes.Open(FitsBytes.ToBytes(image, table, extension), seekable);

        foreach (var hdu in new[] { file.GetImage(0), file.GetImage(2) })
        {
            Assert.Equal(axes.Select(a => (long)a), hdu.Axes);
            var (bitpix, _, _) = FitsImage.StorageOf(typeof(T));
            Assert.Equal(bitpix, hdu.Bitpix);
            Assert.Equal(pixels, hdu.ReadPixels<T>());
            var doubles = hdu.ReadPixels<double>();
            var expected = image.ReadPixels<double>();
            Assert.Equal(expected.Select(BitConverter.DoubleToInt64Bits), doubles.Select(BitConverter.DoubleToInt64Bits));
        }

        Assert.Equal("round trip", file.Primary.Header.GetString("OBSERVER"));
        Assert.Equal("SECOND", file.Hdus[2].Name);
    }

    [Property(MaxTest = 30)]
    public Property Byte_Images_Round_Trip(int seed, bool seekable) => Prop.ForAll(Axes.ToArbitrary(), a => RoundTrip<byte>(a, seed, seekable));

    [Property(MaxTest = 30)]
    public Property SByte_Images_Round_Trip_Via_Bzero(int seed, bool seekable) => Prop.ForAll(Axes.ToArbitrary(), a => RoundTrip<sbyte>(a, seed, seekable));

    [Property(MaxTest = 30)]
    public Property Int16_Images_Round_Trip(int seed, bool seekable) => Prop.ForAll(Axes.ToArbitrary(), a => RoundTrip<short>(a, seed, seekable));

    [Property(MaxTest = 30)]
    public Property UInt16_Images_Round_Trip_Via_Bzero(int seed, bool seekable) => Prop.ForAll(Axes.ToArbitrary(), a => RoundTrip<ushort>(a, seed, seekable));

    [Property(MaxTest = 30)]
    public Property Int32_Images_Round_Trip(int seed, bool seekable) => Prop.ForAll(Axes.ToArbitrary(), a => RoundTrip<int>(a, seed, seekable));

    [Property(MaxTest = 30)]
    public Property UInt32_Images_Round_Trip_Via_Bzero(int seed, bool seekable) => Prop.ForAll(Axes.ToArbitrary(), a => RoundTrip<uint>(a, seed, seekable));

    [Property(MaxTest = 30)]
    public Property Int64_Images_Round_Trip(int seed, bool seekable) => Prop.ForAll(Axes.ToArbitrary(), a => RoundTrip<long>(a, seed, seekable));

    [Property(MaxTest = 30)]
    public Property UInt64_Images_Round_Trip_Via_Bzero(int seed, bool seekable) => Prop.ForAll(Axes.ToArbitrary(), a => RoundTrip<ulong>(a, seed, seekable));

    [Property(MaxTest = 30)]
    public Property Single_Images_Round_Trip_Bit_For_Bit(int seed, bool seekable) => Prop.ForAll(Axes.ToArbitrary(), a => RoundTrip<float>(a, seed, seekable));

    [Property(MaxTest = 30)]
    public Property Double_Images_Round_Trip_Bit_For_Bit(int seed, bool seekable) => Prop.ForAll(Axes.ToArbitrary(), a => RoundTrip<double>(a, seed, seekable));
}
