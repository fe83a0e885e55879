using Stoa.Worktables.Errors;
using Stoa.Worktables.Vo.Adql;

namespace Stoa.Worktables.Access;

public sealed partial class UserWorktable
{
    /// <summary>
    /// The name the table is published under in the Virtual Observatory services (<see cref="Vo.VoService"/>), or
    /// <see langword="null"/> when it is not published (Read).
    /// </summary>
    /// <exception cref="AccessDeniedException">The user may not read the table.</exception>
    public string? PublishedName
    {
        get
        {
            var t = Demand(WorktableOperation.Read);
            return t.Project.AccessStore.Publications().FirstOrDefault(p => p.TableName == t.Name).PublishedName;
        }
    }

    /// <summary>
    /// Publishes the table to the Virtual Observatory (Owner; audited): from now on anyone may read its columns and
    /// rows, anonymously, through <see cref="Vo.VoService"/> (TAP/ADQL, Simple Cone Search, VOSI). Hidden fields,
    /// flags and comments are never published. Publishing again renames the publication.
    /// </summary>
    /// <param name="name">The ADQL table name (a regular identifier: a letter, then letters, digits or <c>_</c>; not a
    /// reserved word). Default: the table's own name.</param>
    /// <returns>The published name.</returns>
    /// <exception cref="AccessDeniedException">The user may not publish the table.</exception>
    /// <exception cref="WorktableException">The name is not a usable ADQL identifier, or another table has it.</exception>
    public string Publish(string? name = null)
    {
        var t = Demand(WorktableOperation.Publish);
        var published = name ?? t.Name;
        if (AdqlLexer.IsRegularIdentifier(published) is false || AdqlLexer.IsReserved(published) || published.Equals("TAP_SCHEMA", StringComparison.OrdinalIgnoreCase))
        {
            throw new WorktableException($"table '{t.Name}': '{published}' cannot be an ADQL table name (a letter, then letters, digits or _; not a reserved word); choose one with --as.");
        }

        t.Project.AccessStore.SetPublication(t.TableId, t.Name, published, User, DateTime.UtcNow);
        // Published tables are what anonymous clients cone-search: index their position columns now, not at the first request.
        Search.SkyIndex.Prepare(t);
        return published;
    }

    /// <summary>Withdraws the table from the Virtual Observatory services (Owner; audited). Nothing happens to its rows.</summary>
    /// <returns><see langword="false"/> when it was not published.</returns>
    /// <exception cref="AccessDeniedException">The user may not publish the table.</exception>
    public bool Withdraw()
    {
        var t = Demand(WorktableOperation.Publish);
        if (t.Project.AccessStore.Publications().All(p => p.TableName != t.Name))
        {
            return false;
        }

        t.Project.AccessStore.SetPublication(t.TableId, t.Name, null, User, DateTime.UtcNow);
        return true;
    }
}
