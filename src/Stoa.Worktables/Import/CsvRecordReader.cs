using System.Text;

namespace Stoa.Worktables.Import;

/// <summary>
/// Reads RFC 4180 CSV records one at a time: comma separated, fields optionally in double quotes, a doubled
/// quote inside quotes is a quote, quoted fields may span lines. Reports the line each record starts on.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader)
{
    private int _line = 1;

    public (int Line, List<string> Fields)? Next()
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var startLine = _line;
        var inQuotes = false;
        var any = false;
        while (true)
        {
            var c = reader.Read();
            if (c == -1)
            {
                if (inQuotes)
                {
                    throw new FormatException($"CSV line {startLine}: a quoted field is not closed.");
                }

                if (!any)
                {
                    return null;
                }

                fields.Add(field.ToString());
                return (startLine, fields);
            }

            any = true;
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (ch == '\n')
                    {
                        _line++;
                    }

                    field.Append(ch);
                }
            }
            else if (ch == '"' && field.Length == 0)
            {
                inQuotes = true;
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (ch == '\r' && reader.Peek() == '\n')
            {
                continue;
            }
            else if (ch == '\n')
            {
                _line++;
                fields.Add(field.ToString());
                if (fields.Count == 1 && fields[0].Length == 0)
                {
                    // A blank line separates nothing; skip it.
                    fields.Clear();
                    field.Clear();
                    startLine = _line;
                    any = false;
                    continue;
                }

                return (startLine, fields);
            }
            else
            {
                field.Append(ch);
            }
        }
    }
}
