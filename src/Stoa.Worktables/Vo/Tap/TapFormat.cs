namespace Stoa.Worktables.Vo.Tap;

/// <summary>How a TAP query result is written (TAP 1.1 §2.7.1 <c>RESPONSEFORMAT</c>).</summary>
public enum TapFormat
{
    /// <summary>VOTable 1.4 with TABLEDATA rows (<c>votable</c>, <c>application/x-votable+xml</c>, <c>text/xml</c>).</summary>
    VoTable,

    /// <summary>VOTable 1.4 with BINARY2 rows (<c>votable/b2</c>, <c>application/x-votable+xml;serialization=binary2</c>).</summary>
    VoTableBinary2,

    /// <summary>RFC 4180 CSV with a header line (<c>csv</c>, <c>text/csv</c>).</summary>
    Csv,
}
