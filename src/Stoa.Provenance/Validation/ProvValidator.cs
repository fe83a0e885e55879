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
            if (!scope.IsDeclared(bundle.Id.Namespace))
            {
                issues.Add(new($"bundle({bundle.Id})", $"bundle identifier {bundle.Id} uses prefix '{bundle.Id.Namespace.Prefix}', which is not declared"));
            }

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
        // Runs for every streamed record: no string is built unless something is wrong.
        if (record.Id is { } id)
        {
            CheckName(id, scope, record, "identifier", null, issues);
        }
        else if (record is not ProvRelation)
        {
            issues.Add(new(Describe(record), "an element has no identifier"));
        }

        if (record is ProvRelation relation)
        {
            var shape = relation.Shape;
            for (var i = 0; i < shape.Terms.Length; i++)
            {
                if (relation.Terms[i] is { } term)
                {
                    CheckName(term, scope, record, "term ", ProvVocabulary.Prov[shape.Terms[i].Name], issues);
                }
                else if (shape.Terms[i].Required)
                {
                    issues.Add(new(Describe(record), $"required term prov:{shape.Terms[i].Name} is missing"));
                }
            }

            CheckTime(relation.Time, record, "time", issues);
        }
        else if (record is ProvActivity activity)
        {
            CheckTime(activity.StartTime, record, "prov:startTime", issues);
            CheckTime(activity.EndTime, record, "prov:endTime", issues);
            if (activity.StartTime is { } s && activity.EndTime is { } e && e < s)
            {
                issues.Add(new(Describe(record), $"ends ({ProvTime.Format(e)}) before it starts ({ProvTime.Format(s)})"));
            }
        }

        var attributes = record.Attributes;
        for (var i = 0; i < attributes.Count; i++)
        {
            var attribute = attributes[i];
            CheckName(attribute.Name, scope, record, "attribute name", null, issues);
            var value = attribute.Value;
            if (value.Name is { } qn)
            {
                CheckName(qn, scope, record, "value of ", attribute.Name, issues);
            }

            if (value.Datatype is { } dt)
            {
                CheckName(dt, scope, record, "datatype of ", attribute.Name, issues);
                if (ProvValue.IsXsdFloat(dt))
                {
                    issues.Add(new(Describe(record), $"{attribute.Name} is xsd:float; use xsd:double"));
                }

                if (ProvValue.IsXsd(dt, "dateTime") && !ProvTime.HasZone(value.Lexical))
                {
                    issues.Add(new(Describe(record), $"{attribute.Name} = {value.Lexical} has no time zone"));
                }
            }
        }
    }

    private static void CheckTime(DateTimeOffset? time, ProvRecord record, string what, List<ProvValidationIssue> issues)
    {
        // DateTimeOffset always carries an offset; what can go wrong is a local time passed in as if it were UTC,
        // which the type cannot tell. Years outside xsd's four-digit range would not round-trip through the tools.
        if (time is { } t && (t.Year < 1 || t.Year > 9999))
        {
            issues.Add(new(Describe(record), $"{what} {t} is outside years 0001-9999"));
        }
    }

    private static void CheckName(QualifiedName name, NamespaceScope scope, ProvRecord record, string what, QualifiedName? whatName,
        List<ProvValidationIssue> issues)
    {
        if (name.Namespace is null)
        {
            issues.Add(new(Describe(record), $"{what}{whatName} has no namespace"));
            return;
        }

        if (!scope.IsDeclared(name.Namespace))
        {
            issues.Add(new(Describe(record), $"{what}{whatName} {name} uses prefix '{name.Namespace.Prefix}' <{name.Namespace.Uri}>, which is not declared"));
        }

        var bad = ProvSyntax.FindForbiddenIriChar(name.LocalPart);
        if (bad >= 0)
        {
            issues.Add(new(Describe(record), $"{what}{whatName} {name} has the character U+{(int)name.LocalPart[bad]:X4}, which no IRI may carry"));
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
internal sealed class NamespaceScope(IReadOnlyList<ProvNamespace> namespaces, NamespaceScope? parent)
{
    // An array, not the interface: this runs for every name of every streamed record and must not allocate.
    private readonly ProvNamespace[] _declared = [.. namespaces];

    public bool IsDeclared(ProvNamespace ns)
    {
        if (ReferenceEquals(ns, ProvVocabulary.Prov) || ReferenceEquals(ns, ProvVocabulary.Xsd) || ProvVocabulary.IsPredeclared(ns))
        {
            return true;
        }

        foreach (var d in _declared)
        {
            if (ReferenceEquals(d, ns) || d == ns)
            {
                return true;
            }
        }

        return parent?.IsDeclared(ns) ?? false;
    }
}
