namespace Stoa.Host.Web;

/// <summary>What the web app does with an output file: show a thumbnail, offer it to TOPCAT, or just download it.</summary>
internal enum FileKind
{
    /// <summary>Anything else.</summary>
    Other,

    /// <summary>A PNG image (thumbnail).</summary>
    Png,

    /// <summary>A FITS file (TOPCAT loads FITS tables).</summary>
    Fits,

    /// <summary>A VOTable.</summary>
    VoTable,
}

/// <summary>File kinds and content types by the output's original name.</summary>
internal static class FileKinds
{
    /// <summary>The kind of a file called <paramref name="name"/>.</summary>
    public static FileKind Of(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".png" => FileKind.Png,
        ".fits" or ".fit" or ".fts" => FileKind.Fits,
        ".vot" or ".votable" or ".xml" => FileKind.VoTable,
        _ => FileKind.Other,
    };

    /// <summary>The HTTP content type of a file called <paramref name="name"/>.</summary>
    public static string ContentType(string name) => Of(name) switch
    {
        FileKind.Png => "image/png",
        FileKind.Fits => "application/fits",
        FileKind.VoTable => "application/x-votable+xml",
        _ => Path.GetExtension(name).ToLowerInvariant() is ".csv" ? "text/csv" : "application/octet-stream",
    };
}
