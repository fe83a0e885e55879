namespace Stoa.Worktables.Storage;

/// <summary>A stored link: its id and its specification (JSON of <see cref="Links.LinkSpec"/>).</summary>
internal sealed record LinkRecord(long LinkId, long ParentTableId, long ChildTableId, string SpecJson);

/// <summary>A child row made by a generator link for element <see cref="Index"/> of a parent row.</summary>
internal readonly record struct GeneratedRow(long ParentRowId, int Index, long ChildRowId);

/// <summary>Links between tables and the rows generator links made, in domain terms.</summary>
internal interface ILinkStore
{
    long AddLink(long parentTableId, long childTableId, string specJson);

    IReadOnlyList<LinkRecord> Links();

    IReadOnlyList<GeneratedRow> GeneratedRows(long linkId);

    /// <summary>Inserts the child row and records it as made for (parent row, index), in one transaction.</summary>
    long AddGeneratedRow(long linkId, long parentRowId, int index, long childTableId, RowInputs inputs);
}
