using Stoa.Basc.Likelihood;

namespace Stoa.Basc.Tests.Likelihood;

public sealed class FourierUpsamplerTests
{
    private static double Signal(double x, double y, int m)
        => Math.Cos((2 * Math.PI * 3 * x / m) + 0.3) + (Math.Sin(2 * Math.PI * 5 * y / m) * Math.Cos(2 * Math.PI * 2 * x / m)) + 0.25;

    [Theory]
    [InlineData(32, 2)]
    [InlineData(32, 4)]
    [InlineData(30, 3)]
    public void Band_Limited_Image_Is_Interpolated_Exactly(int m, int u)
    {
        var image = new double[m * m];
        for (int y = 0; y < m; y++)
        {
            for (int x = 0; x < m; x++)
            {
                image[(y * m) + x] = Signal(x, y, m);
            }
        }

        var fine = FourierUpsampler.Upsample(image, m, u);
        int n = m * u;
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
            {
                Assert.Equal(Signal((double)x / u, (double)y / u, m), fine[(y * n) + x], 1e-10);
            }
        }
    }
}
