namespace Stoa.Samp;

/// <summary>How a table reaches the receivers.</summary>
public enum SampTableFormat
{
    /// <summary><c>table.load.votable</c>.</summary>
    VoTable,

    /// <summary><c>table.load.fits</c>.</summary>
    Fits,
}
