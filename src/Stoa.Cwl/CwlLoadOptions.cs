namespace Stoa.Cwl;

/// <summary>Options for <see cref="CwlDocument.Load(string, CwlLoadOptions?)"/>.</summary>
public sealed record CwlLoadOptions
{
    /// <summary>The default options.</summary>
    public static CwlLoadOptions Default { get; } = new();
}
