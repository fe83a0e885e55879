namespace Stoa.Provenance;

/// <summary>Reads PROV-N and PROV-JSON back into a <see cref="ProvDocument"/> (enough for what Stoa writes, and strict about it).</summary>
public static class ProvenanceReader
{
    /// <summary>Reads a document.</summary>
    /// <param name="stream">The UTF-8 text.</param>
    /// <param name="format"><see cref="ProvFormat.ProvN"/> or <see cref="ProvFormat.Json"/>.</param>
    /// <param name="sourceName">A name for error messages, e.g. the file name.</param>
    /// <exception cref="ProvFormatException">Syntax errors, undeclared prefixes, missing required terms, times without a zone.</exception>
    /// <exception cref="NotSupportedException">Another format.</exception>
    public static ProvDocument Read(Stream stream, ProvFormat format, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return format switch
        {
            ProvFormat.ProvN => new ProvNReader(new StreamReader(stream).ReadToEnd(), sourceName).ReadDocument(),
            ProvFormat.Json => ProvJsonReader.Read(stream, sourceName),
            _ => throw new NotSupportedException($"Reading {format} is not supported; PROV-N and PROV-JSON are."),
        };
    }

    /// <summary>Reads a document from a file.</summary>
    public static ProvDocument ReadFile(string path, ProvFormat format)
    {
        using var file = File.OpenRead(path);
        return Read(file, format, path);
    }
}
