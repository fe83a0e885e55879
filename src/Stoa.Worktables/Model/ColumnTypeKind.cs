namespace Stoa.Worktables.Model;

/// <summary>The CWL type of a worktable column, without its optional marker.</summary>
public enum ColumnTypeKind
{
    /// <summary>CWL <c>boolean</c>.</summary>
    Boolean,
    /// <summary>CWL <c>int</c>: a 32-bit signed integer.</summary>
    Int,
    /// <summary>CWL <c>long</c>: a 64-bit signed integer.</summary>
    Long,
    /// <summary>CWL <c>float</c>: a single-precision number (stored rounded to single precision).</summary>
    Float,
    /// <summary>CWL <c>double</c>: a double-precision number.</summary>
    Double,
    /// <summary>CWL <c>string</c>.</summary>
    String,
    /// <summary>CWL <c>File</c>: identified by its content (SHA-1), not its path.</summary>
    File,
    /// <summary>CWL <c>Directory</c>: identified by the content of every file below it.</summary>
    Directory,
    /// <summary>CWL <c>enum</c>: one of a fixed list of symbols.</summary>
    Enum,
    /// <summary>CWL array of <see cref="ColumnType.Items"/>.</summary>
    Array,
    /// <summary>CWL record with named <see cref="ColumnType.Fields"/>.</summary>
    Record,
    /// <summary>CWL <c>Any</c>: any JSON value.</summary>
    Any,
}
