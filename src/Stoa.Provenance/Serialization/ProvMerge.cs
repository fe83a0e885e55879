namespace Stoa.Provenance;

/// <summary>Joins elements stated more than once with the same identifier into one, as PROV-DM reads them.</summary>
internal static class ProvMerge
{
    public static IEnumerable<ProvRecord> MergeElements(IReadOnlyList<ProvRecord> records)
    {
        var index = new Dictionary<(Type, string), int>();
        var merged = new List<ProvRecord>(records.Count);
        foreach (var record in records)
        {
            if (record is ProvRelation || record.Id is not { } id)
            {
                merged.Add(record);
                continue;
            }

            var key = (record.GetType(), id.Uri);
            if (!index.TryGetValue(key, out var at))
            {
                index.Add(key, merged.Count);
                merged.Add(record);
                continue;
            }

            merged[at] = Join(merged[at], record);
        }

        return merged;
    }

    private static ProvRecord Join(ProvRecord first, ProvRecord second)
    {
        var attributes = first.Attributes.Concat(second.Attributes.Where(a => !first.Attributes.Contains(a))).ToList();
        return (first, second) switch
        {
            (ProvEntity e, _) => new ProvEntity(e.Id, attributes),
            (ProvAgent g, _) => new ProvAgent(g.Id, attributes),
            (ProvActivity a, ProvActivity b) => new ProvActivity(a.Id, Same(a, a.StartTime, b.StartTime), Same(a, a.EndTime, b.EndTime), attributes),
            _ => throw new InvalidOperationException("Unreachable: relations are not merged."),
        };
    }

    private static DateTimeOffset? Same(ProvActivity a, DateTimeOffset? x, DateTimeOffset? y) =>
        x is null ? y : y is null || x == y ? x
        : throw new ProvValidationException([new(ProvValidator.Describe(a), $"stated twice with different times ({x:o}, {y:o})")]);
}
