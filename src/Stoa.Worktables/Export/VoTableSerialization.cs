namespace Stoa.Worktables.Export;

/// <summary>How the rows of a VOTable export are written inside its <c>DATA</c> element.</summary>
public enum VoTableSerialization
{
    /// <summary><c>TABLEDATA</c>: one XML <c>TR</c> per row and one <c>TD</c> per cell; empty cells are empty <c>TD</c>s.</summary>
    TableData = 0,

    /// <summary><c>BINARY2</c>: a base64 <c>STREAM</c> of big-endian rows, each led by its null-flag bitmap (VOTable 1.3+).</summary>
    Binary2 = 1,
}
