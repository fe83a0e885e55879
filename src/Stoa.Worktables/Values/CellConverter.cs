using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Hashing;
using Stoa.Worktables.Model;

namespace Stoa.Worktables.Values;

/// <summary>
/// Checks a value against a column's CWL type and brings it to its one stored form (so equal values hash
/// equally). Accepts CLR values, <see cref="JsonNode"/>s and, for imports, text. A value that does not fit
/// becomes a <see cref="CellTypeException"/> naming row, column and value; nothing is coerced silently
/// (text is parsed only when it comes from a text source such as CSV).
/// </summary>
internal sealed class CellConverter(IFileCellResolver files)
{
    public JsonNode? FromObject(object? value, ColumnType type, in CellContext ctx) =>
        value is CellText text ? FromText(text.Text, type, ctx) : Normalize(ToNode(value, ctx), type, ctx, fromText: false);

    public JsonNode? FromText(string? text, ColumnType type, in CellContext ctx)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Normalize(null, type, ctx, fromText: true);
        }

        return Normalize(JsonValue.Create(text), type, ctx, fromText: true);
    }

    public JsonNode? Normalize(JsonNode? node, ColumnType type, in CellContext ctx, bool fromText)
    {
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            if (type.IsOptional || type.Kind == ColumnTypeKind.Any)
            {
                return null;
            }

            throw new CellTypeException(ctx.Row, ctx.Column, null, $"a value of type {type} is required.");
        }

        var raw = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
        switch (type.Kind)
        {
            case ColumnTypeKind.Boolean:
                if (node.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                {
                    return JsonValue.Create(node.GetValue<bool>());
                }

                if (fromText && raw is not null && bool.TryParse(raw.Trim(), out var b))
                {
                    return JsonValue.Create(b);
                }

                throw Mismatch(node, type, ctx);

            case ColumnTypeKind.Int:
            case ColumnTypeKind.Long:
            {
                long value;
                if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<long>(out var l))
                {
                    value = l;
                }
                else if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<double>(out var d) && d == Math.Floor(d) && Math.Abs(d) < 9.2e18)
                {
                    value = (long)d;
                }
                else if (fromText && raw is not null && long.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p))
                {
                    value = p;
                }
                else
                {
                    throw Mismatch(node, type, ctx);
                }

                if (type.Kind == ColumnTypeKind.Int && value is < int.MinValue or > int.MaxValue)
                {
                    throw new CellTypeException(ctx.Row, ctx.Column, Text(node), "the value is outside the 32-bit range of an int.");
                }

                return JsonValue.Create(value);
            }

            case ColumnTypeKind.Float:
            case ColumnTypeKind.Double:
            {
                double value;
                if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<double>(out var d))
                {
                    value = d;
                }
                else if (fromText && raw is not null && double.TryParse(raw.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var p))
                {
                    value = p;
                }
                else
                {
                    throw Mismatch(node, type, ctx);
                }

                if (!double.IsFinite(value))
                {
                    // JSON has no NaN or infinity; an empty optional cell is the way to say "no value".
                    throw new CellTypeException(ctx.Row, ctx.Column, Text(node), "NaN and infinities cannot be stored; leave the cell empty instead.");
                }

                if (type.Kind == ColumnTypeKind.Float)
                {
                    value = (float)value;
                }

                return JsonValue.Create(value);
            }

            case ColumnTypeKind.String:
                return raw is not null ? JsonValue.Create(raw) : throw Mismatch(node, type, ctx);

            case ColumnTypeKind.Enum:
                if (raw is not null && type.Symbols.Contains(raw, StringComparer.Ordinal))
                {
                    return JsonValue.Create(raw);
                }

                throw new CellTypeException(ctx.Row, ctx.Column, Text(node), $"not one of the symbols {string.Join(", ", type.Symbols)}.");

            case ColumnTypeKind.File:
            case ColumnTypeKind.Directory:
                return FileOrDirectory(node, raw, type, ctx);

            case ColumnTypeKind.Array:
            {
                if (fromText && raw is not null)
                {
                    node = ParseJsonText(raw, type, ctx);
                }

                if (node is not JsonArray array)
                {
                    throw Mismatch(node, type, ctx);
                }

                var result = new JsonArray();
                foreach (var item in array)
                {
                    result.Add(Normalize(item, type.Items!, ctx, fromText: false));
                }

                return result;
            }

            case ColumnTypeKind.Record:
            {
                if (fromText && raw is not null)
                {
                    node = ParseJsonText(raw, type, ctx);
                }

                if (node is not JsonObject obj)
                {
                    throw Mismatch(node, type, ctx);
                }

                var unknown = obj.Select(p => p.Key).FirstOrDefault(k => !type.Fields.Any(f => f.Name == k));
                if (unknown is not null)
                {
                    throw new CellTypeException(ctx.Row, ctx.Column, Text(node), $"the record has no field '{unknown}'.");
                }

                var result = new JsonObject();
                foreach (var field in type.Fields)
                {
                    var fieldCtx = ctx with { Column = ctx.Column + "." + field.Name };
                    var v = Normalize(obj[field.Name], field.Type, fieldCtx, fromText: false);
                    if (v is not null)
                    {
                        result[field.Name] = v;
                    }
                }

                return result;
            }

            case ColumnTypeKind.Any:
                return fromText && raw is not null ? TryParseJson(raw) ?? JsonValue.Create(raw) : node.DeepClone();

            default:
                throw new InvalidOperationException($"Unknown column type {type}.");
        }
    }

    private JsonObject FileOrDirectory(JsonNode node, string? raw, ColumnType type, in CellContext ctx)
    {
        var isFile = type.Kind == ColumnTypeKind.File;
        var cls = isFile ? "File" : "Directory";
        string? location = raw;
        if (node is JsonObject o)
        {
            if ((string?)o["class"] != cls)
            {
                throw new CellTypeException(ctx.Row, ctx.Column, Text(node), $"a {cls} object needs \"class\": \"{cls}\".");
            }

            location = (string?)o["location"] ?? (string?)o["path"];
        }

        if (string.IsNullOrWhiteSpace(location))
        {
            throw Mismatch(node, type, ctx);
        }

        if (location.StartsWith("file://", StringComparison.Ordinal))
        {
            location = new Uri(location).LocalPath;
        }

        var full = Path.GetFullPath(location, ctx.BaseDirectory);
        if (ctx.Confinement is { } root && !IsInside(full, root))
        {
            throw new CellTypeException(ctx.Row, ctx.Column, location, $"the {cls} is outside the bundle; an imported row's outputs come only from files inside the bundle.");
        }

        var kind = (isFile ? FileFingerprint.Of(full) : FileFingerprint.OfDirectory(full)).Kind;
        if (kind == FileKind.Missing)
        {
            throw new MissingInputFileException(ctx.Row, ctx.Column, location, $"{cls} '{full}' does not exist.");
        }

        if (kind != (isFile ? FileKind.Regular : FileKind.Directory))
        {
            // Devices, FIFOs and sockets may never end (/dev/zero) or never answer: only regular files are read.
            throw new CellTypeException(ctx.Row, ctx.Column, location, kind == FileKind.Special
                ? $"'{full}' is {(isFile ? "not a regular file" : "a directory holding something other than regular files and directories")} (a device, FIFO or socket); only regular files are read as inputs."
                : $"'{full}' is a {(isFile ? "directory" : "file")}, not a {cls}.");
        }

        JsonObject resolved;
        try
        {
            resolved = isFile ? files.ResolveFile(full) : files.ResolveDirectory(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MissingInputFileException(ctx.Row, ctx.Column, location, $"{cls} '{full}' cannot be read: {e.Message}");
        }

        // secondaryFiles belong to the File: their content is part of the row's identity, checked like the File's.
        if (node is JsonObject given && isFile && given["secondaryFiles"] is JsonArray secondary && secondary.Count > 0)
        {
            var baseDir = ctx with { BaseDirectory = Path.GetDirectoryName(full)! };
            var resolvedSecondary = new JsonArray();
            foreach (var s in secondary)
            {
                var text = s is JsonValue v && v.TryGetValue<string>(out var t) ? t : null;
                var secondaryType = s is JsonObject so && (string?)so["class"] == "Directory" ? ColumnType.Directory : ColumnType.File;
                // As a JsonNode, so the non-generic Add is chosen: Add<T> would wrap values by reflection (not AOT-safe).
                resolvedSecondary.Add((JsonNode)FileOrDirectory(s ?? throw Mismatch(node, type, ctx), text, secondaryType, baseDir));
            }

            resolved["secondaryFiles"] = resolvedSecondary;
        }

        return resolved;
    }

    /// <summary>
    /// Inside <paramref name="root"/> by name and without a symbolic link on the way down from it (a bundle is
    /// extracted as plain files, so a link there was not made by the extraction and may lead anywhere).
    /// </summary>
    private static bool IsInside(string full, string root)
    {
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return false;
        }

        for (var p = full; p.Length > root.Length; p = Path.GetDirectoryName(p)!)
        {
            if (new FileInfo(p).LinkTarget is not null)
            {
                return false;
            }
        }

        return true;
    }

    private static JsonNode ParseJsonText(string raw, ColumnType type, in CellContext ctx)
    {
        try
        {
            return JsonNode.Parse(raw) ?? throw new JsonException("null");
        }
        catch (JsonException)
        {
            throw new CellTypeException(ctx.Row, ctx.Column, raw, $"a {type} cell in text form must be JSON.");
        }
    }

    private static JsonNode? TryParseJson(string raw)
    {
        try
        {
            return JsonNode.Parse(raw);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static CellTypeException Mismatch(JsonNode node, ColumnType type, in CellContext ctx) =>
        new(ctx.Row, ctx.Column, Text(node), $"not a value of type {type}.");

    private static string Text(JsonNode node) => node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();

    /// <summary>CLR value → JSON node, before type checking.</summary>
    private static JsonNode? ToNode(object? value, in CellContext ctx) => value switch
    {
        null => null,
        JsonValue v when v.TryGetValue<double>(out var d) && !double.IsFinite(d) => throw NotFinite(d, ctx),
        JsonValue v when v.TryGetValue<float>(out var f) && !float.IsFinite(f) => throw NotFinite(f, ctx),
        JsonNode n => n.DeepClone(),
        JsonElement e => JsonNode.Parse(e.GetRawText()),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create((long)i),
        long l => JsonValue.Create(l),
        short s16 => JsonValue.Create((long)s16),
        byte u8 => JsonValue.Create((long)u8),
        uint u32 => JsonValue.Create((long)u32),
        // JSON has no NaN or infinity (System.Text.Json would throw ArgumentException on writing one).
        float f => float.IsFinite(f) ? JsonValue.Create((double)f) : throw NotFinite(f, ctx),
        double d => double.IsFinite(d) ? JsonValue.Create(d) : throw NotFinite(d, ctx),
        decimal m => JsonValue.Create((double)m),
        FileInfo fi => new JsonObject { ["class"] = "File", ["location"] = fi.FullName },
        DirectoryInfo di => new JsonObject { ["class"] = "Directory", ["location"] = di.FullName },
        IDictionary<string, object?> dict => ToObject(dict, ctx),
        IEnumerable seq => ToArray(seq, ctx),
        _ => throw new CellTypeException(ctx.Row, ctx.Column, value.ToString(), $"a {value.GetType().Name} cannot be stored in a cell."),
    };

    private static CellTypeException NotFinite(double value, in CellContext ctx) =>
        new(ctx.Row, ctx.Column, value.ToString(CultureInfo.InvariantCulture), "NaN and infinities cannot be stored; leave the cell empty instead.");

    private static JsonObject ToObject(IDictionary<string, object?> dict, CellContext ctx)
    {
        var o = new JsonObject();
        foreach (var (k, v) in dict)
        {
            o[k] = ToNode(v, ctx);
        }

        return o;
    }

    private static JsonArray ToArray(IEnumerable seq, CellContext ctx)
    {
        var a = new JsonArray();
        foreach (var v in seq)
        {
            a.Add(ToNode(v, ctx));
        }

        return a;
    }
}
