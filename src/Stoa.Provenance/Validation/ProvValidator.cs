namespace Stoa.Provenance;

/// <summary>
/// The checks the <c>prov</c> package does not make (it silently drops bad times and accepts relations without their
/// entity): every relation's required terms present, every time with a zone, every prefix declared, no xsd:float, and
/// every identifier writable in PROV-N, Turtle and XML. Writers run them on each record before writing it.
/// </summary>
public static class ProvValidator
{
    /// <summary>Checks a whole document, its bundles included.</summary>
    /// <returns>The issues found; empty when the document is valid.</returns>
    public static IReadOnlyList<ProvValidationIssue> Validate(ProvDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var issues = new List<ProvValidationIssue>();
        var scope = new NamespaceScope(document.Namespaces, null);
        foreach (var record in document.Records)
        {
            Check(record, scope, issues);
        }

        foreach (var bundle in document.Bundles)
        {
            CheckName(bundle.Id, scope, $"bundle({bundle.Id})", "bundle identifier", issues);
            var inner = new NamespaceScope(bundle.Namespaces, scope);
            foreach (var record in bundle.Records)
            {
                Check(record, inner, issues);
            }
        }

        return issues;
    }

    /// <summary>Throws when <see cref="Validate"/> finds anything.</summary>
    /// <exception cref="ProvValidationException">Listing every issue.</exception>
    public static void ThrowIfInvalid(ProvDocument document)
    {
        var issues = Validate(document);
        if (issues.Count > 0)
        {
            throw new ProvValidationException(issues);
        }
    }

    internal static void Check(ProvRecord record, NamespaceScope scope, List<ProvValidationIssue> issues)
    {
        var where = Describe(record);
        if (record.Id is { } id)
        {
            CheckName(id, scope, where, "identifier", issues);
        }
        else if (record is not ProvRelation)
        {
            issues.Add(new(where, "an element has no identifier"));
        }

        if (record is ProvRelation relation)
        {
            var shape = relation.Shape;
            for (var i = 0; i < shape.Terms.Length; i++)
            {
                if (relation.Terms[i] is { } term)
                {
                    CheckName(term, scope, where, $"prov:{shape.Terms[i].Name}", issues);
                }
                else if (shape.Terms[i].Required)
                {
                    issues.Add(new(where, $"required term prov:{shape.Terms[i].Name} is missing"));
                }
            }

            CheckTime(relation.Time, where, "time", issues);
        }
        else if (record is ProvActivity activity)
        {
            CheckTime(activity.StartTime, where, "prov:startTime", issues);
            CheckTime(activity.EndTime, where, "prov:endTime", issues);
            if (activity.StartTime is { } s && activity.EndTime is { } e && e < s)
            {
                issues.Add(new(where, $"ends ({ProvTime.Format(e)}) before it starts ({ProvTime.Format(s)})"));
            }
        }

        foreach (var attribute in record.Attributes)
        {
            CheckName(attribute.Name, scope, where, "attribute name", issues);
            var value = attribute.Value;
            if (value.Name is { } qn)
            {
                CheckName(qn, scope, where, $"value of {attribute.Name}", issues);
            }

            if (value.Datatype is { } dt)
            {
                CheckName(dt, scope, where, $"datatype of {attribute.Name}", issues);
                if (ProvValue.IsXsdFloat(dt))
                {
                    issues.Add(new(where, $"{attribute.Name} is xsd:float; use xsd:double"));
                }

                if (dt.Uri == ProvVocabulary.Xsd.Uri + "dateTime" && !ProvTime.HasZone(value.Lexical))
                {
                    issues.Add(new(where, $"{attribute.Name} = {value.Lexical} has no time zone"));
                }
            }
        }
    }

    private static void CheckTime(DateTimeOffset? time, string where, string what, List<ProvValidationIssue> issues)
    {
        // DateTimeOffset always carries an offset; what can go wrong is a local time passed in as if it were UTC,
        // which the type cannot tell. Years outside xsd's four-digit range would not round-trip through the tools.
        if (time is { } t && (t.Year < 1 || t.Year > 9999))
        {
            issues.Add(new(where, $"{what} {t} is outside years 0001-9999"));
        }
    }

    private static void CheckName(QualifiedName name, NamespaceScope scope, string where, string what, List<ProvValidationIssue> issues)
    {
        if (name.Namespace is null)
        {
            issues.Add(new(where, $"{what} has no namespace"));
            return;
        }

        if (!scope.IsDeclared(name.Namespace))
        {
            issues.Add(new(where, $"{what} {name} uses prefix '{name.Namespace.Prefix}' <{name.Namespace.Uri}>, which is not declared"));
        }

        var bad = ProvSyntax.FindForbiddenIriChar(name.LocalPart);
        if (bad >= 0)
        {
            issues.Add(new(where, $"{what} {name} has the character U+{(int)name.LocalPart[bad]:X4}, which no IRI may carry"));
        }
    }

    internal static string Describe(ProvRecord record) => record switch
    {
        ProvEntity e => $"entity({e.Id})",
        ProvActivity a => $"activity({a.Id})",
        ProvAgent g => $"agent({g.Id})",
        ProvRelation r => $"{r.Shape.Keyword}({(r.Id is { } id ? id + "; " : "")}{string.Join(", ", r.Terms.Select(t => t?.ToString() ?? "-"))})",
        _ => record.GetType().Name,
    };
}

/// <summary>The namespaces visible to a record: its bundle's, then the document's, then prov and xsd.</summary>
internal sealed class NamespaceScope(IReadOnlyList<ProvNamespace> declared, NamespaceScope? parent)
{
    public bool IsDeclared(ProvNamespace ns)
    {
        if (ProvVocabulary.IsPredeclared(ns))
        {
            return true;
        }

        foreach (var d in declared)
        {
            if (d == ns)
            {
                return true;
            }
        }

        return parent?.IsDeclared(ns) ?? false;
    }
}
