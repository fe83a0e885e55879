using System.Globalization;
using System.Text;

namespace Stoa.Provenance;

/// <summary>
/// A recursive-descent reader for PROV-N documents (W3C PROV-N grammar): prefixes, elements, every relation,
/// attribute lists with strings, language tags, <c>%%</c> datatypes, <c>'qualified names'</c> and integers, and
/// bundles. The default namespace and PROV-N extensibility expressions are not read.
/// </summary>
internal sealed class ProvNReader(string text, string? source)
{
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    public ProvDocument ReadDocument()
    {
        SkipTrivia();
        ExpectWord("document");
        var document = new ProvDocument();
        var scope = new Dictionary<string, ProvNamespace>(StringComparer.Ordinal);
        ReadPrefixes(document, scope);
        while (true)
        {
            SkipTrivia();
            var (word, line, col) = PeekWordWithPosition();
            if (word == "endDocument")
            {
                ReadWord();
                break;
            }

            if (word == "bundle")
            {
                ReadWord();
                var id = ReadQualifiedName(scope);
                var bundle = document.Bundle(id);
                var inner = new Dictionary<string, ProvNamespace>(scope, StringComparer.Ordinal);
                ReadPrefixes(bundle, inner);
                while (true)
                {
                    SkipTrivia();
                    if (PeekWord() == "endBundle")
                    {
                        ReadWord();
                        break;
                    }

                    bundle.Add(ReadRecord(inner));
                }

                continue;
            }

            if (word.Length == 0)
            {
                throw Error(line, col, "expected a statement or endDocument");
            }

            document.Add(ReadRecord(scope));
        }

        SkipTrivia();
        if (_pos < text.Length)
        {
            throw Error("text after endDocument");
        }

        return document;
    }

    private void ReadPrefixes(ProvContainer container, Dictionary<string, ProvNamespace> scope)
    {
        while (true)
        {
            SkipTrivia();
            var word = PeekWord();
            if (word == "default")
            {
                throw Error("the default namespace is not supported; use a prefix");
            }

            if (word != "prefix")
            {
                return;
            }

            ReadWord();
            SkipTrivia();
            var prefix = ReadWord();
            if (!ProvSyntax.IsValidPrefix(prefix))
            {
                throw Error($"'{prefix}' is not a valid prefix");
            }

            var uri = ReadIri();
            try
            {
                scope[prefix] = container.AddNamespace(prefix, uri);
            }
            catch (ArgumentException e)
            {
                throw Error(e.Message);
            }
        }
    }

    private ProvRecord ReadRecord(Dictionary<string, ProvNamespace> scope)
    {
        SkipTrivia();
        int line = _line, col = Column;
        var keyword = ReadWord();
        Expect('(');
        try
        {
            switch (keyword)
            {
                case "entity":
                case "agent":
                {
                    var id = ReadQualifiedName(scope);
                    var attrs = ReadOptionalAttributes(scope);
                    Expect(')');
                    return keyword == "entity" ? new ProvEntity(id, attrs) : new ProvAgent(id, attrs);
                }

                case "activity":
                {
                    var id = ReadQualifiedName(scope);
                    DateTimeOffset? start = null, end = null;
                    SkipTrivia();
                    if (Peek() == ',' && PeekAfterComma() != '[')
                    {
                        Expect(',');
                        start = ReadTimeOrMarker();
                        Expect(',');
                        end = ReadTimeOrMarker();
                    }

                    var attrs = ReadOptionalAttributes(scope);
                    Expect(')');
                    return new ProvActivity(id, start, end, attrs);
                }
            }

            var shape = RelationShape.FromKeyword(keyword) ?? throw Error(line, col, $"unknown statement '{keyword}'");
            QualifiedName? relationId = null;
            SkipTrivia();
            var save = (_pos, _line, _lineStart);
            if (shape.HasIdAndAttributes)
            {
                var first = ReadWordRaw();
                SkipTrivia();
                if (Peek() == ';')
                {
                    _pos++;
                    relationId = first == "-" ? null : Resolve(first, scope);
                }
                else
                {
                    (_pos, _line, _lineStart) = save;
                }
            }

            var terms = new QualifiedName?[shape.Terms.Length];
            DateTimeOffset? time = null;
            var arity = shape.Terms.Length + (shape.HasTime ? 1 : 0);
            for (var i = 0; i < arity; i++)
            {
                SkipTrivia();
                if (i > 0)
                {
                    if (Peek() != ',' || PeekAfterComma() == '[')
                    {
                        break; // the short form: later positions absent
                    }

                    _pos++;
                    SkipTrivia();
                }

                if (i < shape.Terms.Length)
                {
                    var word = ReadWordRaw();
                    terms[i] = word == "-" ? null : Resolve(word, scope);
                }
                else
                {
                    time = ReadTimeOrMarker();
                }
            }

            var attributes = shape.HasIdAndAttributes ? ReadOptionalAttributes(scope) : [];
            Expect(')');
            for (var i = 0; i < terms.Length; i++)
            {
                if (shape.Terms[i].Required && terms[i] is null)
                {
                    throw Error(line, col, $"{keyword}: the required term prov:{shape.Terms[i].Name} is missing");
                }
            }

            return ProvRelation.Create(shape.Kind, terms, time, relationId, attributes);
        }
        catch (ArgumentException e)
        {
            throw Error(line, col, e.Message);
        }
    }

    private List<ProvAttribute> ReadOptionalAttributes(Dictionary<string, ProvNamespace> scope)
    {
        var list = new List<ProvAttribute>();
        SkipTrivia();
        if (Peek() != ',')
        {
            return list;
        }

        _pos++;
        Expect('[');
        SkipTrivia();
        if (Peek() == ']')
        {
            _pos++;
            return list;
        }

        while (true)
        {
            var name = ReadQualifiedName(scope);
            Expect('=');
            list.Add(new ProvAttribute(name, ReadValue(scope)));
            SkipTrivia();
            if (Peek() == ',')
            {
                _pos++;
                continue;
            }

            Expect(']');
            return list;
        }
    }

    private ProvValue ReadValue(Dictionary<string, ProvNamespace> scope)
    {
        SkipTrivia();
        var c = Peek();
        if (c == '\'')
        {
            _pos++;
            var start = _pos;
            while (_pos < text.Length && text[_pos] != '\'')
            {
                _pos += text[_pos] == '\\' ? 2 : 1;
            }

            if (_pos >= text.Length)
            {
                throw Error("unterminated qualified name literal");
            }

            var qn = Resolve(text[start.._pos], scope);
            _pos++;
            return ProvValue.QualifiedName(qn);
        }

        if (c == '"')
        {
            var s = ReadString();
            if (Peek() == '@')
            {
                _pos++;
                var start = _pos;
                while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] == '-'))
                {
                    _pos++;
                }

                return ProvValue.LangString(s, text[start.._pos]);
            }

            SkipTrivia();
            if (Peek() == '%' && _pos + 1 < text.Length && text[_pos + 1] == '%')
            {
                _pos += 2;
                var datatype = ReadQualifiedName(scope);
                if (ProvValue.IsXsdFloat(datatype))
                {
                    throw Error("xsd:float is not accepted (Stoa writes xsd:double)");
                }

                return ProvValue.Typed(s, datatype);
            }

            return ProvValue.String(s);
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            var word = ReadWordRaw();
            if (long.TryParse(word, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                return ProvValue.Typed(word, ProvVocabulary.Xsd["int"]);
            }

            throw Error($"'{word}' is not a PROV-N literal");
        }

        throw Error($"expected a literal, found '{c}'");
    }

    private string ReadString()
    {
        // Both "…" and """…""" (which may span lines) with the ECHAR escapes.
        var triple = string.CompareOrdinal(text, _pos, "\"\"\"", 0, 3) == 0;
        _pos += triple ? 3 : 1;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= text.Length)
            {
                throw Error("unterminated string");
            }

            var c = text[_pos];
            if (triple ? string.CompareOrdinal(text, _pos, "\"\"\"", 0, 3) == 0 : c == '"')
            {
                _pos += triple ? 3 : 1;
                return sb.ToString();
            }

            if (c == '\\' && _pos + 1 < text.Length)
            {
                var e = text[_pos + 1];
                sb.Append(e switch
                {
                    't' => '\t', 'b' => '\b', 'n' => '\n', 'r' => '\r', 'f' => '\f', '"' => '"', '\'' => '\'', '\\' => '\\',
                    _ => throw Error($"unknown escape \\{e}"),
                });
                _pos += 2;
                continue;
            }

            if (c == '\n')
            {
                if (!triple)
                {
                    throw Error("newline in a string; use \\n or \"\"\"");
                }

                _line++;
                _lineStart = _pos + 1;
            }

            sb.Append(c);
            _pos++;
        }
    }

    private DateTimeOffset? ReadTimeOrMarker()
    {
        SkipTrivia();
        int line = _line, col = Column;
        var word = ReadWordRaw();
        if (word == "-")
        {
            return null;
        }

        return ProvTime.TryParse(word, out var t) ? t
            : throw Error(line, col, ProvTime.HasZone(word) ? $"'{word}' is not an xsd:dateTime" : $"time '{word}' has no time zone");
    }

    private QualifiedName ReadQualifiedName(Dictionary<string, ProvNamespace> scope)
    {
        SkipTrivia();
        return Resolve(ReadWordRaw(), scope);
    }

    private QualifiedName Resolve(string word, Dictionary<string, ProvNamespace> scope)
    {
        var colon = word.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw Error($"'{word}' is not a qualified name (prefix:local)");
        }

        var prefix = word[..colon];
        var ns = prefix switch
        {
            "prov" => ProvVocabulary.Prov,
            "xsd" => ProvVocabulary.Xsd,
            _ => scope.GetValueOrDefault(prefix) ?? throw Error($"prefix '{prefix}' is not declared"),
        };
        return ns[Unescape(word[(colon + 1)..])];
    }

    private static string Unescape(string local)
    {
        if (!local.Contains('\\', StringComparison.Ordinal))
        {
            return local;
        }

        var sb = new StringBuilder(local.Length);
        for (var i = 0; i < local.Length; i++)
        {
            if (local[i] == '\\' && i + 1 < local.Length)
            {
                i++;
            }

            sb.Append(local[i]);
        }

        return sb.ToString();
    }

    private string ReadIri()
    {
        SkipTrivia();
        Expect('<');
        var end = text.IndexOf('>', _pos);
        if (end < 0)
        {
            throw Error("unterminated IRI");
        }

        var iri = text[_pos..end];
        _pos = end + 1;
        return iri;
    }

    private void ExpectWord(string word)
    {
        SkipTrivia();
        int line = _line, col = Column;
        var got = ReadWord();
        if (got != word)
        {
            throw Error(line, col, $"expected '{word}', found '{got}'");
        }
    }

    private string PeekWord() => PeekWordWithPosition().Word;

    private (string Word, int Line, int Column) PeekWordWithPosition()
    {
        var save = (_pos, _line, _lineStart);
        var col = Column;
        var word = ReadWordRaw();
        var result = (word, _line, col);
        (_pos, _line, _lineStart) = save;
        return result;
    }

    private string ReadWord()
    {
        SkipTrivia();
        return ReadWordRaw();
    }

    /// <summary>A maximal run of characters up to whitespace or PROV-N punctuation; a backslash escapes the next character.</summary>
    private string ReadWordRaw()
    {
        var start = _pos;
        while (_pos < text.Length)
        {
            var c = text[_pos];
            if (c == '\\')
            {
                _pos += 2;
                continue;
            }

            if (char.IsWhiteSpace(c) || c is '(' or ')' or ',' or ';' or '[' or ']' or '=' or '<' or '"' or '\'')
            {
                break;
            }

            _pos++;
        }

        return text[start..Math.Min(_pos, text.Length)];
    }

    private void Expect(char c)
    {
        SkipTrivia();
        if (Peek() != c)
        {
            throw Error(_pos < text.Length ? $"expected '{c}', found '{text[_pos]}'" : $"expected '{c}', found the end");
        }

        _pos++;
    }

    private char Peek() => _pos < text.Length ? text[_pos] : '\0';

    private char PeekAfterComma()
    {
        var p = _pos + 1;
        while (p < text.Length && char.IsWhiteSpace(text[p]))
        {
            p++;
        }

        return p < text.Length ? text[p] : '\0';
    }

    private void SkipTrivia()
    {
        while (_pos < text.Length)
        {
            var c = text[_pos];
            if (c == '\n')
            {
                _line++;
                _lineStart = _pos + 1;
                _pos++;
            }
            else if (char.IsWhiteSpace(c))
            {
                _pos++;
            }
            else if (c == '/' && _pos + 1 < text.Length && text[_pos + 1] == '/')
            {
                while (_pos < text.Length && text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else if (c == '/' && _pos + 1 < text.Length && text[_pos + 1] == '*')
            {
                var end = text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error("unterminated comment");
                }

                for (var i = _pos; i < end; i++)
                {
                    if (text[i] == '\n')
                    {
                        _line++;
                        _lineStart = i + 1;
                    }
                }

                _pos = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private int Column => _pos - _lineStart + 1;

    private ProvFormatException Error(string message) => Error(_line, Column, message);

    private ProvFormatException Error(int line, int column, string message) =>
        new(message, source, $"line {line}, column {column}");
}
