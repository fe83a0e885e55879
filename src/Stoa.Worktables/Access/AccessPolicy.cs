namespace Stoa.Worktables.Access;

/// <summary>The role × operation matrix of issue 7, in one place so the library and its tests share it.</summary>
internal static class AccessPolicy
{
    /// <summary>The least role allowed to perform <paramref name="operation"/>.</summary>
    public static WorktableRole Requires(WorktableOperation operation) => operation switch
    {
        WorktableOperation.Read or WorktableOperation.Export => WorktableRole.Reader,
        WorktableOperation.Flag or WorktableOperation.Comment => WorktableRole.Collaborator,
        WorktableOperation.AddRows or WorktableOperation.EditInputs or WorktableOperation.DeleteRows or WorktableOperation.Run
            or WorktableOperation.EditSchema or WorktableOperation.Share or WorktableOperation.DeleteTable or WorktableOperation.Link
            or WorktableOperation.Publish => WorktableRole.Owner,
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "unknown operation"),
    };

    /// <summary>Whether a user holding <paramref name="role"/> (none: <see langword="null"/>) may perform <paramref name="operation"/>.</summary>
    public static bool Allows(WorktableRole? role, WorktableOperation operation) => role is { } r && r >= Requires(operation);
}
