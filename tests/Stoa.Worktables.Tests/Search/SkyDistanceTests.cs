using System.Text.Json.Nodes;
using Stoa.Worktables.Search;
using Stoa.Worktables.Tests.Export;

namespace Stoa.Worktables.Tests.Search;

public sealed class SkyDistanceTests
{
    [Theory]
    [InlineData(0, 0, 90, 0, 90)]
    [InlineData(0, 0, 180, 0, 180)]                // antipodes on the equator
    [InlineData(10, 20, 190, -20, 180)]            // antipodes off the equator
    [InlineData(0, 89, 180, 89, 2)]                // across the north pole
    [InlineData(45, -89.5, 225, -89.5, 1)]         // across the south pole
    [InlineData(0, 90, 123, 90, 0)]                // the pole is one point whatever the RA
    [InlineData(359.5, 0, 0.5, 0, 1)]              // across RA = 0/360
    [InlineData(359.9, 10, 359.9, 10, 0)]
    [InlineData(0, 0, 1e-10, 0, 1e-10)]            // tiny: acos of the dot product would give 0
    [InlineData(0, 0, 180, 1e-9, 180 - 1e-9)]      // nearly antipodal: haversine loses this
    [InlineData(100, 30, 100, 30.5, 0.5)]          // along a meridian
    public void Known_separations(double ra1, double dec1, double ra2, double dec2, double expected)
    {
        var d = SkyDistance.Degrees(ra1, dec1, ra2, dec2);
        Assert.True(Math.Abs(d - expected) <= 1e-12 + (1e-9 * expected), $"{d} ≠ {expected}");
        Assert.Equal(d, SkyDistance.Degrees(ra2, dec2, ra1, dec1), 1e-12);
    }

    [Fact]
    public void Equals_astropy_SkyCoord_separation_for_random_points()
    {
        var random = new Random(20261125);
        var pairs = new JsonArray();
        for (var i = 0; i < 400; i++)
        {
            double ra1 = random.NextDouble() * 360, dec1 = Math.Asin((2 * random.NextDouble()) - 1) * 180 / Math.PI;
            (double ra2, double dec2) = (i % 4) switch
            {
                0 => (random.NextDouble() * 360, Math.Asin((2 * random.NextDouble()) - 1) * 180 / Math.PI),
                1 => ((ra1 + (random.NextDouble() * 1e-6)) % 360, Math.Clamp(dec1 + (random.NextDouble() * 1e-6), -90, 90)),   // very close
                2 => ((ra1 + 180 + (random.NextDouble() * 1e-6)) % 360, -dec1),                                                 // nearly antipodal
                _ => (random.NextDouble() * 360, 90 - (random.NextDouble() * 0.01)),                                            // near the pole
            };
            pairs.Add(new JsonArray(ra1, dec1, ra2, dec2));
        }

        var path = Path.Combine(Path.GetTempPath(), $"stoa-sep-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, pairs.ToJsonString());
        try
        {
            var astropy = Astropy.Run("separation", path).AsArray();
            Assert.Equal(pairs.Count, astropy.Count);
            for (var i = 0; i < pairs.Count; i++)
            {
                var p = pairs[i]!.AsArray().Select(v => (double)v!).ToArray();
                var ours = SkyDistance.Degrees(p[0], p[1], p[2], p[3]);
                var theirs = (double)astropy[i]!;
                Assert.True(Math.Abs(ours - theirs) <= 1e-10, $"pair {i} ({string.Join(", ", p)}): {ours} vs astropy {theirs}");
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
