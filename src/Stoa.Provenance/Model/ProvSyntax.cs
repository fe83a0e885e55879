using System.Text;

namespace Stoa.Provenance;

/// <summary>Which prefixes and local parts every serialisation can carry, and PROV-N escaping of local parts.</summary>
internal static class ProvSyntax
{
    /// <summary>A prefix valid in PROV-N (PN_PREFIX) and as an XML NCName: a letter, then letters, digits, '_', '-', '.', not ending in '.'.</summary>
    public static bool IsValidPrefix(string prefix)
    {
        if (string.IsNullOrEmpty(prefix) || !char.IsAsciiLetter(prefix[0]) || prefix[^1] == '.')
        {
            return false;
        }

        foreach (var c in prefix)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Characters no IRI may carry unescaped; a local part with one cannot be written in PROV-N, Turtle or XML.</summary>
    public static int FindForbiddenIriChar(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c <= ' ' || c is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\')
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Escapes a local part for PROV-N (PN_CHARS_ESC) where the grammar needs it.</summary>
    public static string EscapeProvNLocal(string local)
    {
        if (local.Length == 0)
        {
            return local;
        }

        StringBuilder? sb = null;
        for (var i = 0; i < local.Length; i++)
        {
            var c = local[i];
            var escape = c is '=' or '\'' or '(' or ')' or ',' or ':' or ';' or '[' or ']'
                || (c == '-' && i == 0)
                || (c == '.' && (i == 0 || i == local.Length - 1));
            if (escape && sb is null)
            {
                sb = new StringBuilder(local.Length + 8).Append(local, 0, i);
            }

            if (escape)
            {
                sb!.Append('\\');
            }

            sb?.Append(c);
        }

        return sb?.ToString() ?? local;
    }
}
