namespace Stoa.Worktables.Bundles;

/// <summary>
/// <c>tracking.txt</c>: one status per row of table.txt, in row order — <c>PENDING</c> or <c>COMPLETE</c>
/// (any case) — optionally preceded by the row number (1-based, or 0-based when the first number is 0), which is
/// then checked. <c>#</c> lines and blank lines are skipped.
/// </summary>
internal static class WtxTrackingFile
{
    public const string Complete = "COMPLETE";
    public const string Pending = "PENDING";

    /// <summary>Whether each row is COMPLETE, by row position.</summary>
    public static bool[] Parse(WtxText text, IReadOnlyList<WtxRow> rows)
    {
        var complete = new bool[rows.Count];
        var seen = new int[rows.Count];
        var position = 0;
        int? origin = null;
        var lastLine = 1;
        foreach (var (line, content) in text.DataLines())
        {
            lastLine = line;
            var fields = text.Fields(line, content);
            if (fields.Count is 0 or > 2)
            {
                throw text.Error(line, null, $"expected 'STATUS' or 'ROW STATUS'; found {fields.Count} fields.");
            }

            var index = position;
            if (fields.Count == 2)
            {
                if (!int.TryParse(fields[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                {
                    throw text.Error(line, "row", fieldKind: "field", problem: $"'{fields[0]}' is not a row number.");
                }

                origin ??= n == 0 ? 0 : 1;
                index = n - origin.Value;
            }

            if (index < 0 || index >= rows.Count)
            {
                throw text.Error(line, "row", fieldKind: "field", problem: $"row {index + (origin ?? 1)} does not exist: table.txt has {rows.Count} rows.");
            }

            if (seen[index] != 0)
            {
                throw text.Error(line, "row", fieldKind: "field", problem: $"row {index + (origin ?? 1)} already has a status (line {seen[index]}).");
            }

            var status = fields[^1]?.ToUpperInvariant();
            complete[index] = status switch
            {
                Complete => true,
                Pending => false,
                _ => throw text.Error(line, "status", fieldKind: "field", problem: $"'{fields[^1]}' is not a status (PENDING or COMPLETE)."),
            };
            seen[index] = line;
            position++;
        }

        var missing = Array.IndexOf(seen, 0);
        if (missing >= 0)
        {
            throw text.Error(lastLine, null, $"table.txt has {rows.Count} rows but no status is given for row {missing + (origin ?? 1)} (table.txt line {rows[missing].Line}).");
        }

        return complete;
    }

    public static void Write(TextWriter w, IEnumerable<bool> complete)
    {
        w.Write("# row status\n");
        var n = 1;
        foreach (var c in complete)
        {
            w.Write($"{n++} {(c ? Complete : Pending)}\n");
        }
    }
}
