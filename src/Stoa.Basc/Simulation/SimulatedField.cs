namespace Stoa.Basc.Simulation;

/// <summary>A simulated observation: dirty map, dirty beam, optional primary beam and the truth.</summary>
public sealed class SimulatedField
{
    internal SimulatedField(SkyImage map, SkyImage psf, SkyImage? primaryBeam, IReadOnlyList<SimulatedSource> sources, double sigma, int visibilities)
    {
        Map = map;
        Psf = psf;
        PrimaryBeam = primaryBeam;
        Sources = sources;
        Sigma = sigma;
        Visibilities = visibilities;
    }

    /// <summary>The dirty map (Jy/beam).</summary>
    public SkyImage Map { get; }

    /// <summary>The dirty beam, peak 1 at (M/2, M/2).</summary>
    public SkyImage Psf { get; }

    /// <summary>The primary beam, or <see langword="null"/>.</summary>
    public SkyImage? PrimaryBeam { get; }

    /// <summary>The true sources.</summary>
    public IReadOnlyList<SimulatedSource> Sources { get; }

    /// <summary>The map-plane noise σ (Jy/beam).</summary>
    public double Sigma { get; }

    /// <summary>Number of (u, v) samples gridded, counting each baseline and its conjugate.</summary>
    public int Visibilities { get; }
}
