using System.Globalization;

namespace Stoa.Provenance;

/// <summary>
/// An attribute value: a plain string, a language-tagged string, a typed literal (lexical form + XSD datatype) or a
/// qualified name. Numbers are <c>xsd:double</c> or <c>xsd:long</c>, never <c>xsd:float</c>: a float loses digits
/// that astronomy values (frequencies, fluxes) carry.
/// </summary>
public sealed class ProvValue : IEquatable<ProvValue>
{
    private string? _lexical;

    private ProvValue(string? lexical, QualifiedName? datatype, string? language, QualifiedName? name)
    {
        _lexical = lexical;
        Datatype = datatype;
        Language = language;
        Name = name;
    }

    /// <summary>The lexical form (for a qualified name, its <c>prefix:local</c> form).</summary>
    public string Lexical => _lexical ??= Name!.Value.ToString();

    /// <summary>The datatype of a typed literal; <see langword="null"/> for plain and language-tagged strings and qualified names.</summary>
    public QualifiedName? Datatype { get; }

    /// <summary>The language tag of a language-tagged string, else <see langword="null"/>.</summary>
    public string? Language { get; }

    /// <summary>The qualified name when this value is one (PROV-N <c>'prefix:local'</c>), else <see langword="null"/>.</summary>
    public QualifiedName? Name { get; }

    /// <summary>A plain string (<c>xsd:string</c>).</summary>
    public static ProvValue String(string value) => new(value ?? throw new ArgumentNullException(nameof(value)), null, null, null);

    /// <summary>A language-tagged string such as <c>"Spektrum"@de</c>.</summary>
    public static ProvValue LangString(string value, string language)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrEmpty(language);
        return new(value, null, language, null);
    }

    /// <summary>An <c>xsd:double</c>; infinities are written <c>INF</c>/<c>-INF</c> as XSD requires.</summary>
    public static ProvValue Double(double value) => new(FormatDouble(value), Xsd("double"), null, null);

    /// <summary>An <c>xsd:long</c>.</summary>
    public static ProvValue Long(long value) => new(value.ToString(CultureInfo.InvariantCulture), Xsd("long"), null, null);

    /// <summary>An <c>xsd:boolean</c> (<c>true</c>/<c>false</c>).</summary>
    public static ProvValue Boolean(bool value) => new(value ? "true" : "false", Xsd("boolean"), null, null);

    /// <summary>An <c>xsd:dateTime</c>, always written with its time zone.</summary>
    public static ProvValue DateTime(DateTimeOffset value) => new(ProvTime.Format(value), Xsd("dateTime"), null, null);

    /// <summary>An <c>xsd:anyURI</c>.</summary>
    public static ProvValue AnyUri(string uri) => new(uri ?? throw new ArgumentNullException(nameof(uri)), Xsd("anyURI"), null, null);

    /// <summary>A qualified name value, e.g. <c>'wfprov:WorkflowRun'</c> as a <c>prov:type</c>.</summary>
    public static ProvValue QualifiedName(QualifiedName name) => new(null, null, null, name);

    /// <summary>A typed literal with any datatype except <c>xsd:float</c>.</summary>
    /// <param name="lexical">The lexical form.</param>
    /// <param name="datatype">The datatype, e.g. <c>xsd:int</c>.</param>
    /// <exception cref="ArgumentException">The datatype is <c>xsd:float</c> (use <see cref="Double"/>).</exception>
    public static ProvValue Typed(string lexical, QualifiedName datatype)
    {
        ArgumentNullException.ThrowIfNull(lexical);
        if (IsXsdFloat(datatype))
        {
            throw new ArgumentException("xsd:float is never used: write numbers as xsd:double or xsd:long.", nameof(datatype));
        }

        if (IsXsd(datatype, "string"))
        {
            return String(lexical);
        }

        return new(lexical, datatype, null, null);
    }

    /// <summary>A plain string.</summary>
    public static implicit operator ProvValue(string value) => String(value);

    /// <summary>An <c>xsd:double</c>.</summary>
    public static implicit operator ProvValue(double value) => Double(value);

    /// <summary>An <c>xsd:long</c>.</summary>
    public static implicit operator ProvValue(long value) => Long(value);

    /// <summary>An <c>xsd:boolean</c>.</summary>
    public static implicit operator ProvValue(bool value) => Boolean(value);

    /// <summary>A qualified name value.</summary>
    public static implicit operator ProvValue(QualifiedName value) => QualifiedName(value);

    /// <summary>Equal when the lexical form, the datatype URI, the language and the qualified name's URI are equal.</summary>
    public bool Equals(ProvValue? other) =>
        other is not null && (Name is not null || Lexical == other.Lexical) && Datatype?.Uri == other.Datatype?.Uri
        && string.Equals(Language, other.Language, StringComparison.OrdinalIgnoreCase) && Name?.Uri == other.Name?.Uri;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ProvValue);

    /// <inheritdoc />
    public override int GetHashCode() => Name is { } n ? n.Uri.GetHashCode(StringComparison.Ordinal) : HashCode.Combine(Lexical, Datatype?.Uri);

    /// <summary>The PROV-N form of the value.</summary>
    public override string ToString() => Name is { } n ? $"'{n}'"
        : Language is not null ? $"\"{Lexical}\"@{Language}"
        : Datatype is { } d ? $"\"{Lexical}\" %% {d}" : $"\"{Lexical}\"";

    internal bool IsPlainString => Datatype is null && Language is null && Name is null;

    internal static bool IsXsdFloat(QualifiedName datatype) => IsXsd(datatype, "float");

    /// <summary>Whether a datatype is xsd:<paramref name="local"/>, without building its URI.</summary>
    internal static bool IsXsd(QualifiedName datatype, string local) =>
        datatype.LocalPart == local && datatype.Namespace.Uri == ProvVocabulary.Xsd.Uri;

    private static QualifiedName Xsd(string local) => ProvVocabulary.Xsd[local];

    internal static string FormatDouble(double value) =>
        double.IsPositiveInfinity(value) ? "INF"
        : double.IsNegativeInfinity(value) ? "-INF"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
