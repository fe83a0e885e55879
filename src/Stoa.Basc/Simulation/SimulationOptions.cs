namespace Stoa.Basc.Simulation;

/// <summary>Describes a simulated observation: array, track, grid, noise and sky.</summary>
public sealed record SimulationOptions
{
    /// <summary>Side M of the map and PSF in pixels.</summary>
    /// <value>The default value is 256.</value>
    public int Size { get; init; } = 256;

    /// <summary>Map-plane noise σ in Jy/beam (the noise covariance is σ² B).</summary>
    /// <value>The default value is 1e-3 Jy/beam.</value>
    public double Sigma { get; init; } = 1e-3;

    /// <summary>The true sources.</summary>
    public IReadOnlyList<SimulatedSource> Sources { get; init; } = [];

    /// <summary>Number of antennas, placed at random in a disc.</summary>
    /// <value>The default value is 24.</value>
    public int Antennas { get; init; } = 24;

    /// <summary>Half-length of the track in hours of hour angle (the track runs from −H to +H).</summary>
    /// <value>The default value is 4 hours.</value>
    public double HourAngle { get; init; } = 4.0;

    /// <summary>Number of time steps along the track.</summary>
    /// <value>The default value is 48.</value>
    public int TimeSteps { get; init; } = 48;

    /// <summary>Declination of the field in degrees.</summary>
    /// <value>The default value is −60°.</value>
    public double Declination { get; init; } = -60.0;

    /// <summary>The longest projected baseline as a fraction of the grid's Nyquist extent M/2; sets the beam width (FWHM ≈ 2.2/UvExtent pixels with the default array).</summary>
    /// <value>The default value is 0.5 (a beam FWHM of about 4.5 pixels).</value>
    public double UvExtent { get; init; } = 0.5;

    /// <summary>Seed of the antenna layout (keep it fixed to share a beam between noise realisations).</summary>
    /// <value>The default value is 7.</value>
    public int ArraySeed { get; init; } = 7;

    /// <summary>Seed of the noise.</summary>
    /// <value>The default value is 1.</value>
    public int NoiseSeed { get; init; } = 1;

    /// <summary>FWHM in pixels of a Gaussian primary beam centred on the map, or <see langword="null"/> for none.</summary>
    public double? PrimaryBeamFwhm { get; init; }
}
