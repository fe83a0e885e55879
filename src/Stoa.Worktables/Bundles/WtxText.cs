using System.Globalization;
using System.Text;
using Stoa.Worktables.Errors;

namespace Stoa.Worktables.Bundles;

/// <summary>
/// One text entry of a bundle (table.txt, tracking.txt, links.txt, a manifest), split into numbered lines, with the
/// field syntax every .wtx text file shares: fields separated by runs of spaces or tabs; <c>-</c> alone is an
/// empty (null) field; a field in double quotes may hold spaces and the escapes <c>\" \\ \t \n \r \uXXXX</c>
/// (<c>"-"</c> is the one-character text, <c>""</c> the empty text). Lines starting with <c>#</c> are comments
/// except where a format gives them a meaning (table.txt's header).
/// </summary>
internal sealed class WtxText
{
    private WtxText(string bundle, string entry, IReadOnlyList<string> lines)
    {
        Bundle = bundle;
        Entry = entry;
        Lines = lines;
    }

    public string Bundle { get; }

    public string Entry { get; }

    /// <summary>The lines, index 0 = line 1, without line ends.</summary>
    public IReadOnlyList<string> Lines { get; }

    public static WtxText Read(string bundle, string entry, Stream content)
    {
        // UTF-8 with or without BOM; \n, \r\n and \r line ends.
        using var reader = new StreamReader(content, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        var lines = new List<string>();
        try
        {
            while (reader.ReadLine() is { } line)
            {
                lines.Add(line);
            }
        }
        catch (DecoderFallbackException e)
        {
            throw new WtxFormatException(bundle, entry, lines.Count + 1, null, "not UTF-8 text.", e);
        }

        return new WtxText(bundle, entry, lines);
    }

    public static bool IsBlank(string line) => line.AsSpan().Trim(" \t").IsEmpty;

    public static bool IsComment(string line) => line.AsSpan().TrimStart(" \t").StartsWith("#");

    /// <summary>Lines holding data: neither blank nor comments, with their 1-based numbers.</summary>
    public IEnumerable<(int Line, string Text)> DataLines() =>
        Lines.Select((t, i) => (Line: i + 1, Text: t)).Where(l => !IsBlank(l.Text) && !IsComment(l.Text));

    public WtxFormatException Error(int line, string? field, string problem, Exception? inner = null, string fieldKind = "column") => new(Bundle, Entry, line, field, problem, inner, fieldKind);

    /// <summary>The fields of one line; <see langword="null"/> for <c>-</c>.</summary>
    public List<string?> Fields(int line, string text)
    {
        var fields = new List<string?>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }

            if (i == text.Length)
            {
                return fields;
            }

            if (text[i] == '"')
            {
                fields.Add(Quoted(line, text, ref i, fields.Count + 1));
                if (i < text.Length && text[i] is not (' ' or '\t'))
                {
                    throw Error(line, null, $"field {fields.Count}: a closing quote must be followed by a space or tab.");
                }
            }
            else
            {
                var start = i;
                while (i < text.Length && text[i] is not (' ' or '\t'))
                {
                    i++;
                }

                var token = text[start..i];
                fields.Add(token == "-" ? null : token);
            }
        }
    }

    /// <summary>The field as written by <see cref="Fields"/>' rules: quoted only when it must be.</summary>
    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "-";
        }

        var plain = value.Length > 0 && value != "-" && value[0] is not ('#' or '"') && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c) || c == '\\');
        if (plain)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var paired = char.IsHighSurrogate(c) ? i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) : char.IsLowSurrogate(c) && i > 0 && char.IsHighSurrogate(value[i - 1]);
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                // A lone surrogate cannot be written as UTF-8: escaped, it survives the round trip.
                case < ' ':
                case >= '\ud800' and <= '\udfff' when !paired:
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: sb.Append(c); break;
            }
        }

        return sb.Append('"').ToString();
    }

    private string Quoted(int line, string text, ref int i, int fieldNumber)
    {
        var sb = new StringBuilder();
        i++;
        while (i < text.Length)
        {
            var c = text[i++];
            if (c == '"')
            {
                return sb.ToString();
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (i == text.Length)
            {
                break;
            }

            var e = text[i++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case 't': sb.Append('\t'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 'u' when i + 4 <= text.Length && int.TryParse(text.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    sb.Append((char)code);
                    i += 4;
                    break;
                default:
                    // An unknown escape is kept as written: a Windows path in quotes stays a path.
                    sb.Append('\\').Append(e);
                    break;
            }
        }

        throw Error(line, null, $"field {fieldNumber}: the quoted text is not closed.");
    }
}
