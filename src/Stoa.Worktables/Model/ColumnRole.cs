namespace Stoa.Worktables.Model;

/// <summary>Whether a column is a workflow input (edited by users) or a workflow output (written by runs).</summary>
public enum ColumnRole
{
    /// <summary>A workflow input: part of the row's identity.</summary>
    Input,
    /// <summary>A workflow output: written only by a successful run.</summary>
    Output,
}
