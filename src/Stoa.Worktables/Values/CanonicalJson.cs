using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stoa.Worktables.Values;

/// <summary>
/// One spelling per value: object keys sorted by ordinal, no whitespace, empty (null) members left out, numbers
/// in their shortest round-trip form. Two equal cell sets give byte-identical text, so their hashes match.
/// </summary>
internal static class CanonicalJson
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        // Fixed escaping rules: the text is hashed, so it must not depend on the default encoder's choices.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    public static string Write(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteNode(writer, node);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static byte[] WriteUtf8(JsonNode? node)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteNode(writer, node);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Canonical text of a set of named cells (a row's inputs or outputs).</summary>
    public static string WriteCells(IReadOnlyDictionary<string, JsonNode?> cells) => System.Text.Encoding.UTF8.GetString(WriteCellsUtf8(cells).Span);

    /// <summary>
    /// Canonical UTF-8 of a set of named cells, the same bytes as <see cref="WriteCells"/>, written straight from
    /// the dictionary (no copy of the cells) into a buffer of this thread: a bulk insert of a million rows
    /// serialises each row once and allocates nothing here. Valid until the next call on the same thread.
    /// </summary>
    public static ReadOnlyMemory<byte> WriteCellsUtf8(IReadOnlyDictionary<string, JsonNode?> cells)
    {
        var (buffer, writer) = ThreadWriter();
        var keys = new string[cells.Count];
        var n = 0;
        foreach (var (k, v) in cells)
        {
            if (v is not null)
            {
                keys[n++] = k;
            }
        }

        Array.Sort(keys, 0, n, StringComparer.Ordinal);
        writer.WriteStartObject();
        for (var i = 0; i < n; i++)
        {
            writer.WritePropertyName(keys[i]);
            WriteNode(writer, cells[keys[i]]);
        }

        writer.WriteEndObject();
        writer.Flush();
        return buffer.WrittenMemory;
    }

    [ThreadStatic]
    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer)? _thread;

    private static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer) ThreadWriter()
    {
        if (_thread is not { } t)
        {
            var buffer = new ArrayBufferWriter<byte>(1024);
            t = (buffer, new Utf8JsonWriter(buffer, WriterOptions));
            _thread = t;
        }

        t.Buffer.ResetWrittenCount();
        t.Writer.Reset(t.Buffer);
        return t;
    }

    public static Dictionary<string, JsonNode?> ReadCells(string? json)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (string.IsNullOrEmpty(json))
        {
            return result;
        }

        // The parsed object is thrown away: its values are detached and kept rather than copied.
        var parsed = JsonNode.Parse(json)!.AsObject();
        var cells = parsed.ToList();
        parsed.Clear();
        foreach (var (k, v) in cells)
        {
            result[k] = v;
        }

        return result;
    }

    private static void WriteNode(Utf8JsonWriter w, JsonNode? node)
    {
        switch (node)
        {
            case null:
                w.WriteNullValue();
                break;
            case JsonObject o:
                w.WriteStartObject();
                foreach (var (k, v) in o.Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    w.WritePropertyName(k);
                    WriteNode(w, v);
                }

                w.WriteEndObject();
                break;
            case JsonArray a:
                w.WriteStartArray();
                foreach (var item in a)
                {
                    WriteNode(w, item);
                }

                w.WriteEndArray();
                break;
            case JsonValue v:
                WriteValue(w, v);
                break;
            default:
                throw new InvalidOperationException($"Unexpected JSON node {node.GetType().Name}.");
        }
    }

    private static void WriteValue(Utf8JsonWriter w, JsonValue v)
    {
        switch (v.GetValueKind())
        {
            case JsonValueKind.String:
                w.WriteStringValue(v.GetValue<string>());
                break;
            case JsonValueKind.True:
                w.WriteBooleanValue(true);
                break;
            case JsonValueKind.False:
                w.WriteBooleanValue(false);
                break;
            case JsonValueKind.Null:
                w.WriteNullValue();
                break;
            case JsonValueKind.Number:
                if (v.TryGetValue<long>(out var l))
                {
                    w.WriteNumberValue(l);
                }
                else if (v.TryGetValue<int>(out var i))
                {
                    w.WriteNumberValue(i);
                }
                else
                {
                    var d = v.TryGetValue<double>(out var dd) ? dd : v.TryGetValue<float>(out var f) ? f : v.GetValue<decimal>() is var m ? (double)m : 0;
                    if (d == Math.Floor(d) && Math.Abs(d) < 9.0e15)
                    {
                        // 3.0 and 3 are the same number; spell both as 3.
                        w.WriteNumberValue((long)d);
                    }
                    else
                    {
                        w.WriteNumberValue(d);
                    }
                }

                break;
            default:
                throw new InvalidOperationException($"Unexpected JSON value kind {v.GetValueKind()}.");
        }
    }
}
