using System.CommandLine;
using System.Text.Json.Nodes;
using Stoa.Worktables;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Links;

namespace Stoa.Host.Commands.Table;

/// <summary>
/// <c>stoa table link CHILD --column C --from PARENT.COL … [--on C=COL …] [--generator PARENT.ARRAY --element C [--index C]]</c>
/// and <c>stoa table link --list</c>: declares a <see cref="TableLink"/> (keyed join or generator) through
/// <see cref="WorktableProject.Link"/> (or the acting user's <see cref="Stoa.Worktables.Access.UserWorktable.Link"/>).
/// A link that would close a cycle is refused with its path: exit <see cref="ExitCodes.LinkCycle"/>.
/// </summary>
internal static class TableLinkCommand
{
    /// <summary>Builds <c>stoa table link</c>.</summary>
    public static Command Create(Option<string> project, Option<bool> json)
    {
        var child = new Argument<string?>("CHILD") { Description = "The child table (its input columns take the parent's values).", Arity = ArgumentArity.ZeroOrOne };
        var columns = new Option<string[]>("--column") { Description = "A child input column bound to the parent column of the --from at the same position; repeat.", AllowMultipleArgumentsPerToken = false };
        var from = new Option<string[]>("--from") { Description = "PARENT.COLUMN (input or output) the --column at the same position takes its value from; repeat." };
        var on = new Option<string[]>("--on") { Description = "Join: CHILD_COLUMN=PARENT_COLUMN that must be equal; repeat. Default: the child's key columns, matched by name." };
        var generator = new Option<string?>("--generator") { Description = "PARENT.ARRAY_OUTPUT: one child row per element of the array (a generator link instead of a join)." };
        var element = new Option<string?>("--element") { Description = "Generator: the child input column receiving the element." };
        var index = new Option<string?>("--index") { Description = "Generator: a child int/long input column receiving the element's 0-based index." };
        var list = new Option<bool>("--list") { Description = "List the project's links instead." };
        var user = ActingUser.Option();
        var command = new Command(
            "link",
            "Declare a link: the child table's input columns follow a parent table's columns; a changed parent value makes exactly the dependent child rows stale. "
            + "A link that would close a cycle is refused (exit 6).")
        {
            child, columns, from, on, generator, element, index, list, user,
        };
        command.SetAction(parse => TableCommands.Run(parse, project, p =>
        {
            if (parse.GetValue(list))
            {
                return List(p, parse.GetValue(json));
            }

            if (parse.GetValue(child) is not { } childName)
            {
                Console.Error.WriteLine("stoa table link: name the CHILD table (or use --list).");
                return ExitCodes.BadInput;
            }

            var link = Build(p, childName, parse.GetValue(columns) ?? [], parse.GetValue(from) ?? [], parse.GetValue(on) ?? [], parse.GetValue(generator), parse.GetValue(element), parse.GetValue(index));
            try
            {
                p.OpenTable(childName, parse.GetValue(user)).Link(link);
            }
            catch (LinkCycleException e)
            {
                Console.Error.WriteLine($"stoa table link: {e.Message}");
                return ExitCodes.LinkCycle;
            }

            if (parse.GetValue(json))
            {
                TableOutput.WriteJson(LinkJson(link));
            }
            else
            {
                Console.WriteLine($"linked: {Describe(link)}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>One line describing <paramref name="link"/>, e.g. <c>fields → summary: join on summary.field = fields.field; summary.catalogue ← fields.catalogue</c>.</summary>
    public static string Describe(TableLink link)
    {
        var binds = link.Bind.Select(b => $"{link.Child}.{b.Key} ← {link.Parent}.{b.Value}");
        var head = link.Kind == LinkKind.Join
            ? $"join on {string.Join(", ", link.On.Select(o => $"{link.Child}.{o.Key} = {link.Parent}.{o.Value}"))}"
            : $"generator: one row per element of {link.Parent}.{link.Source} → {link.Child}.{link.Element}" + (link.Index is { } ix ? $" (index → {link.Child}.{ix})" : string.Empty);
        return $"{link.Parent} → {link.Child}: {string.Join("; ", [head, .. binds])}";
    }

    private static int List(WorktableProject p, bool json)
    {
        if (json)
        {
            TableOutput.WriteJson(new JsonArray([.. p.Links.Select(LinkJson)]));
        }
        else if (p.Links.Count == 0)
        {
            Console.WriteLine("no links");
        }
        else
        {
            foreach (var link in p.Links)
            {
                Console.WriteLine(Describe(link));
            }
        }

        return ExitCodes.Success;
    }

    private static JsonObject LinkJson(TableLink link) => new()
    {
        ["kind"] = link.Kind.ToString().ToLowerInvariant(),
        ["parent"] = link.Parent,
        ["child"] = link.Child,
        ["on"] = Pairs(link.On),
        ["bind"] = Pairs(link.Bind),
        ["source"] = link.Source,
        ["element"] = link.Element,
        ["index"] = link.Index,
    };

    private static JsonObject Pairs(IReadOnlyDictionary<string, string> pairs) => new([.. pairs.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]);

    /// <summary>The link the options describe; every mistake is a <see cref="WorktableException"/> naming the option.</summary>
    private static TableLink Build(WorktableProject p, string child, string[] columns, string[] from, string[] on, string? generator, string? element, string? index)
    {
        if (columns.Length != from.Length)
        {
            throw new WorktableException($"{columns.Length} --column but {from.Length} --from; give them in pairs (--column CHILD_COLUMN --from PARENT.COLUMN).");
        }

        string? parent = null;
        string Column(string qualified, string option)
        {
            var dot = qualified.LastIndexOf('.');
            if (dot <= 0 || dot == qualified.Length - 1)
            {
                throw new WorktableException($"{option} '{qualified}': expected PARENT.COLUMN.");
            }

            var table = qualified[..dot];
            if (parent is not null && parent != table)
            {
                throw new WorktableException($"{option} '{qualified}': a link has one parent table, and '{parent}' was named already.");
            }

            parent = table;
            return qualified[(dot + 1)..];
        }

        var bind = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            if (!bind.TryAdd(columns[i], Column(from[i], "--from")))
            {
                throw new WorktableException($"--column '{columns[i]}' is bound twice.");
            }
        }

        if (generator is not null)
        {
            var source = Column(generator, "--generator");
            if (on.Length > 0)
            {
                throw new WorktableException("--on is for joins; a generator link makes its own rows.");
            }

            return TableLink.Generator(parent!, child, source, element ?? throw new WorktableException("--generator needs --element CHILD_COLUMN (the column receiving each element)."), index, bind);
        }

        if (element is not null || index is not null)
        {
            throw new WorktableException("--element and --index belong to a generator link (--generator PARENT.ARRAY).");
        }

        if (parent is null)
        {
            throw new WorktableException("name the parent's columns: --column CHILD_COLUMN --from PARENT.COLUMN (or --generator PARENT.ARRAY).");
        }

        var match = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in on)
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == pair.Length - 1 || !match.TryAdd(pair[..eq], pair[(eq + 1)..]))
            {
                throw new WorktableException($"--on '{pair}': expected CHILD_COLUMN=PARENT_COLUMN, each child column once.");
            }
        }

        if (match.Count == 0)
        {
            // The usual join: the child is keyed like its parent (summary.field ↔ fields.field).
            foreach (var key in p.OpenTable(child).KeyColumns)
            {
                match[key] = key;
            }

            if (match.Count == 0)
            {
                throw new WorktableException($"table '{child}' has no key columns: say what to join on with --on CHILD_COLUMN=PARENT_COLUMN.");
            }
        }

        return TableLink.Join(parent, child, match, bind);
    }
}
