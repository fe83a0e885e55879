using Stoa.Basc.Simulation;

namespace Stoa.Basc.Tests.Simulation;

public sealed class FieldSimulatorTests
{
    [Fact]
    public void Dirty_Beam_Peaks_At_One_In_The_Centre_And_Is_Symmetric()
    {
        var field = FieldSimulator.Simulate(new SimulationOptions { Size = 64, Sigma = 0 });
        var psf = field.Psf;
        int c = 32;
        Assert.Equal(1.0, psf[c, c]);
        for (int y = 1; y < 64; y++)
        {
            for (int x = 1; x < 64; x++)
            {
                Assert.True(psf[x, y] <= 1.0 + 1e-12);
                Assert.Equal(psf[x, y], psf[(2 * c) - x, (2 * c) - y], 1e-12);
            }
        }

        Assert.True(psf[c + 1, c] > 0.5, "the beam should be a few pixels wide with the default UvExtent");
    }

    [Fact]
    public void Source_Half_Way_Between_Pixels_Gives_A_Mirror_Symmetric_Map()
    {
        var field = FieldSimulator.Simulate(new SimulationOptions { Size = 64, Sigma = 0, Sources = [new SimulatedSource(20.5, 25.0, 1.0)] });
        var map = field.Map;
        Assert.Equal(map[20, 25], map[21, 25], 1e-12);
        Assert.Equal(map[19, 25], map[22, 25], 1e-12);
        Assert.Equal(map[20, 27], map[21, 23], 1e-12);

        // An integer position reproduces the PSF itself, scaled by the flux.
        var on = FieldSimulator.Simulate(new SimulationOptions { Size = 64, Sigma = 0, Sources = [new SimulatedSource(20, 25, 2.0)] });
        Assert.Equal(2.0, on.Map[20, 25], 1e-12);
        Assert.Equal(2.0 * field.Psf[33, 30], on.Map[21, 23], 1e-12);
    }

    [Fact]
    public void Noise_Has_Variance_Sigma_Squared_And_The_Beam_As_Its_Correlation()
    {
        const int m = 256;
        var field = FieldSimulator.Simulate(new SimulationOptions { Size = m, Sigma = 2.0, NoiseSeed = 4 });
        var map = field.Map;
        double s2 = 0, lag = 0, lagY = 0;
        for (int y = 0; y < m; y++)
        {
            for (int x = 0; x < m; x++)
            {
                s2 += map[x, y] * map[x, y];
                lag += map[x, y] * map[(x + 2) % m, y];
                lagY += map[x, y] * map[x, (y + 1) % m];
            }
        }

        int n = m * m;
        Assert.Equal(4.0, s2 / n, 0.4);
        Assert.Equal(field.Psf[(m / 2) + 2, m / 2], lag / s2, 0.08);
        Assert.Equal(field.Psf[m / 2, (m / 2) + 1], lagY / s2, 0.08);
    }
}
