namespace Stoa.Cwl.Dependencies;

/// <summary>How a file a CWL document depends on is read, and so what its digest covers.</summary>
public enum CwlReferenceKind
{
    /// <summary>A CWL or YAML document (the process itself, <c>run:</c> targets, <c>$import</c>s): its digest covers
    /// the parsed document, so comments, whitespace, quoting and key order do not change it.</summary>
    Document,

    /// <summary>A file used as bytes (<c>$include</c>, File/Directory defaults and literals, InitialWorkDir
    /// listings, <c>$schemas</c>): its digest covers every byte.</summary>
    Content,
}
