using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PostTraining.Data.Bibliography;

/// <summary>One entry of a BibTeX file, decoded to plain text, with what identifies the work.</summary>
public sealed record BibtexEntry(
    string CitationKey,
    string EntryType,
    int Line,
    string Title,
    IReadOnlyList<string> Authors,
    bool AuthorsTruncated,
    int? Year,
    string? Venue,
    string? Url,
    string? ArxivId,
    string? Doi,
    string? Language);

/// <summary>A problem in a BibTeX file, at its 1-based line.</summary>
public sealed record BibtexError(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}

/// <summary>An entry that was read but cannot become a reference (it has no title); the import reports it as an error.</summary>
public sealed record BibtexRejected(BibtexEntry Entry, string Message);

/// <summary>
/// The entries of a file, or (when <see cref="Errors"/> is not empty) why the file as a whole is refused. Entries read
/// whole but unusable (<see cref="Rejected"/>) do not refuse the file: real files hold a few (a blog post without a title).
/// </summary>
public sealed record BibtexParseResult(IReadOnlyList<BibtexEntry> Entries, IReadOnlyList<BibtexError> Errors, IReadOnlyList<BibtexRejected> Rejected)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Reads real-world BibTeX: entries delimited by braces or parentheses, values in braces (nested), in quotes or bare
/// numbers, <c>@string</c> macros and <c>#</c> concatenation, the month macros, <c>@comment</c> and <c>@preamble</c>
/// (skipped), and text outside entries (ignored, as BibTeX does). Values are decoded from LaTeX by
/// <see cref="LatexText"/>. An unbalanced brace, an unknown macro, a citation key used twice or an entry without a
/// title fails the whole file; every such problem is listed with its line.
/// </summary>
public static partial class BibtexParser
{
    private static readonly Dictionary<string, string> MonthMacros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["jan"] = "January", ["feb"] = "February", ["mar"] = "March", ["apr"] = "April", ["may"] = "May", ["jun"] = "June",
        ["jul"] = "July", ["aug"] = "August", ["sep"] = "September", ["oct"] = "October", ["nov"] = "November", ["dec"] = "December",
    };

    public static BibtexParseResult Parse(string text) => new Reader(text).Read();

    private sealed class ParseFailure(int line, string message) : Exception(message)
    {
        public int Line { get; } = line;
    }

    private sealed class Reader(string s)
    {
        private readonly Dictionary<string, string> _macros = new(MonthMacros, StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, int> _keys = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<BibtexEntry> _entries = [];
        private readonly List<BibtexError> _errors = [];
        private readonly List<BibtexRejected> _rejected = [];
        private readonly List<int> _lineStarts = LineStarts(s);
        private int _i;

        public BibtexParseResult Read()
        {
            while (true)
            {
                var at = s.IndexOf('@', _i);
                if (at < 0)
                {
                    break;
                }

                _i = at + 1;
                try
                {
                    ReadItem(at);
                }
                catch (ParseFailure failure)
                {
                    _errors.Add(new BibtexError(failure.Line, failure.Message));
                    // Go on at the next line that starts an entry, to report more than the first problem.
                    _i = NextEntryStart(Math.Max(_i, at + 1));
                }
            }

            return _errors.Count == 0 ? new BibtexParseResult(_entries, [], _rejected) : new BibtexParseResult([], _errors, []);
        }

        private void ReadItem(int at)
        {
            var line = LineOf(at);
            var type = ReadIdentifier();
            if (type.Length == 0)
            {
                return; // a stray '@' in the text between entries
            }

            SkipSpace();
            if (_i >= s.Length || (s[_i] != '{' && s[_i] != '('))
            {
                if (type.Equals("comment", StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }

                throw new ParseFailure(line, $"'@{type}' is not followed by '{{' or '('.");
            }

            var close = s[_i] == '{' ? '}' : ')';
            var open = _i;
            _i++;
            switch (type.ToLowerInvariant())
            {
                case "comment":
                    SkipBalanced(open, close);
                    return;
                case "preamble":
                    SkipSpace();
                    ReadValue();
                    SkipSpace();
                    Expect(close, line, "@preamble");
                    return;
                case "string":
                    ReadString(line, close);
                    return;
                default:
                    ReadEntry(type, line, close);
                    return;
            }
        }

        private void ReadString(int line, char close)
        {
            SkipSpace();
            var name = ReadIdentifier();
            if (name.Length == 0)
            {
                throw new ParseFailure(LineOf(_i), "@string needs a macro name.");
            }

            SkipSpace();
            Expect('=', LineOf(_i), $"@string {name}");
            SkipSpace();
            _macros[name] = ReadValue();
            SkipSpace();
            Expect(close, line, $"@string {name}");
        }

        private void ReadEntry(string type, int line, char close)
        {
            SkipSpace();
            var keyStart = _i;
            while (_i < s.Length && s[_i] != ',' && s[_i] != close && !char.IsWhiteSpace(s[_i]) && s[_i] != '@' && s[_i] != '{' && s[_i] != '}')
            {
                _i++;
            }

            var key = s[keyStart.._i];
            if (key.Length == 0)
            {
                throw new ParseFailure(line, $"The @{type} entry has no citation key.");
            }

            SkipSpace();
            var fields = new Dictionary<string, (string Value, int Line)>(StringComparer.OrdinalIgnoreCase);
            while (true)
            {
                SkipSpace();
                if (_i >= s.Length)
                {
                    throw new ParseFailure(line, $"Entry '{key}' is not closed: the '{(close == '}' ? '{' : '(')}' opened here has no matching '{close}'.");
                }

                if (s[_i] == close)
                {
                    _i++;
                    break;
                }

                if (s[_i] == ',')
                {
                    _i++;
                    continue;
                }

                var fieldLine = LineOf(_i);
                var name = ReadIdentifier();
                if (name.Length == 0)
                {
                    if (s[_i] == '@')
                    {
                        throw new ParseFailure(line, $"Unbalanced brace: entry '{key}' is not closed before the entry at line {LineOf(_i)}.");
                    }

                    throw new ParseFailure(fieldLine, $"Entry '{key}': expected a field name, found '{s[_i]}'.");
                }

                SkipSpace();
                Expect('=', fieldLine, $"field '{name}' of '{key}'");
                SkipSpace();
                var value = ReadValue();
                fields.TryAdd(name, (value, fieldLine));
                SkipSpace();
                if (_i < s.Length && s[_i] == '@')
                {
                    throw new ParseFailure(line, $"Unbalanced brace: entry '{key}' is not closed before the entry at line {LineOf(_i)}.");
                }

                if (_i < s.Length && s[_i] != ',' && s[_i] != close)
                {
                    throw new ParseFailure(LineOf(_i), $"Entry '{key}': expected ',' or '{close}' after field '{name}', found '{s[_i]}' (an unbalanced brace or a missing comma?).");
                }
            }

            if (_keys.TryGetValue(key, out var first))
            {
                _errors.Add(new BibtexError(line, $"The citation key '{key}' is used twice (first at line {first})."));
                return;
            }

            _keys[key] = line;
            var entry = Build(type, key, line, fields);
            if (entry.Title.Length == 0)
            {
                _rejected.Add(new BibtexRejected(entry, $"Entry '{key}' has no title."));
            }
            else
            {
                _entries.Add(entry);
            }
        }

        private static BibtexEntry Build(string type, string key, int line, Dictionary<string, (string Value, int Line)> fields)
        {
            string? Raw(string name) => fields.TryGetValue(name, out var f) && !string.IsNullOrWhiteSpace(f.Value) ? f.Value : null;
            string? Text(string name) => Raw(name) is { } raw && LatexText.Decode(raw) is { Length: > 0 } decoded ? decoded : null;

            var title = Text("title") ?? "";

            var (authors, truncated) = Raw("author") is { } author ? ParseAuthors(author) : ([], false);
            var journal = Text("journal");
            var booktitle = Text("booktitle");
            var url = Url(Raw("url")) ?? Url(Raw("howpublished"));
            var eprint = Text("eprint");
            var prefix = Text("archiveprefix") ?? Text("eprinttype");
            string? arxivId = null;
            if (eprint is not null && (prefix is null || prefix.Equals("arxiv", StringComparison.OrdinalIgnoreCase)))
            {
                arxivId = ArxivIdIn(eprint);
            }

            arxivId ??= ArxivIdIn(Text("arxivid") ?? Text("arxiv"))
                ?? (journal is not null ? ReferenceIdentity.FindArxivId(journal) : null)
                ?? (url is not null && url.Contains("arxiv.org", StringComparison.OrdinalIgnoreCase) ? ArxivIdIn(url) : null)
                ?? (journal is "CoRR" ? ArxivIdIn(Text("volume")) : null);
            var doi = ReferenceIdentity.NormaliseDoi(Raw("doi") is { } rawDoi ? Unescape(rawDoi) : null)
                ?? (url is not null && url.Contains("doi.org/", StringComparison.OrdinalIgnoreCase) ? ReferenceIdentity.NormaliseDoi(url) : null);
            var venue = IsArxivPseudoVenue(journal) ? null : journal;
            venue ??= IsArxivPseudoVenue(booktitle) ? null : booktitle;
            var year = Text("year") is { } y && YearPattern().Match(y) is { Success: true } m ? int.Parse(m.Value, CultureInfo.InvariantCulture) : (int?)null;
            var language = Text("language") is { } lang && LanguagePattern().IsMatch(lang) ? lang : null;
            return new BibtexEntry(key, type.ToLowerInvariant(), line, title, authors, truncated, year, venue, url, arxivId, doi, language);
        }

        // Values --------------------------------------------------------------------------------------------------

        /// <summary>A value: pieces (braced, quoted, number or macro) joined by '#'; braced text keeps its inner braces.</summary>
        private string ReadValue()
        {
            var builder = new StringBuilder();
            while (true)
            {
                SkipSpace();
                if (_i >= s.Length)
                {
                    throw new ParseFailure(LineOf(s.Length - 1), "The file ends where a value was expected.");
                }

                var c = s[_i];
                var pieceLine = LineOf(_i);
                if (c == '{')
                {
                    var start = _i;
                    SkipBalanced(start, '}');
                    builder.Append(s, start + 1, _i - start - 2);
                }
                else if (c == '"')
                {
                    builder.Append(ReadQuoted(pieceLine));
                }
                else if (char.IsAsciiDigit(c))
                {
                    var start = _i;
                    while (_i < s.Length && char.IsAsciiDigit(s[_i]))
                    {
                        _i++;
                    }

                    builder.Append(s, start, _i - start);
                }
                else
                {
                    var name = ReadIdentifier();
                    if (name.Length == 0)
                    {
                        throw new ParseFailure(pieceLine, $"Expected a value ('{{...}}', '\"...\"', a number or a macro), found '{c}'.");
                    }

                    if (!_macros.TryGetValue(name, out var macro))
                    {
                        throw new ParseFailure(pieceLine, $"Unknown macro '{name}' (define it with @string, or put the value in braces).");
                    }

                    builder.Append(macro);
                }

                SkipSpace();
                if (_i < s.Length && s[_i] == '#')
                {
                    _i++;
                    continue;
                }

                return builder.ToString();
            }
        }

        private string ReadQuoted(int line)
        {
            var start = ++_i;
            var depth = 0;
            for (; _i < s.Length; _i++)
            {
                switch (s[_i])
                {
                    case '\\':
                        _i++;
                        break;
                    case '{':
                        depth++;
                        break;
                    case '}':
                        if (--depth < 0)
                        {
                            throw new ParseFailure(LineOf(_i), "Unbalanced brace: a '}' closes more than the quoted value opened.");
                        }

                        break;
                    case '"' when depth == 0:
                        return s[start.._i++];
                    case '@' when depth > 0 && IsLineStart(_i):
                        throw new ParseFailure(line, "Unbalanced brace: a '{' in this quoted value is never closed.");
                }
            }

            throw new ParseFailure(line, depth > 0 ? "Unbalanced brace: a '{' in this quoted value is never closed." : "The quoted value is never closed.");
        }

        /// <summary>Moves past the group opened at <paramref name="open"/> and its matching <paramref name="close"/>.</summary>
        private void SkipBalanced(int open, char close)
        {
            var openChar = s[open];
            var depth = 0;
            for (_i = open; _i < s.Length; _i++)
            {
                var c = s[_i];
                if (c == '\\' && openChar == '{')
                {
                    _i++;
                    continue;
                }

                if (c == openChar || (openChar == '(' && c == '{'))
                {
                    depth++;
                }
                else if (c == close || (openChar == '(' && c == '}'))
                {
                    depth--;
                    if (depth == 0)
                    {
                        _i++;
                        return;
                    }
                }
                else if (c == '@' && depth > 0 && openChar == '{' && IsLineStart(_i) && EntryStart().IsMatch(s.AsSpan(_i, Math.Min(40, s.Length - _i))))
                {
                    // A new entry at the start of a line inside a value: the brace opened before it is never closed.
                    throw new ParseFailure(LineOf(open), $"Unbalanced brace: the '{openChar}' opened here is not closed before the entry at line {LineOf(_i)}.");
                }
            }

            throw new ParseFailure(LineOf(open), $"Unbalanced brace: the '{openChar}' opened here is never closed.");
        }

        // Lexing --------------------------------------------------------------------------------------------------

        private string ReadIdentifier()
        {
            var start = _i;
            while (_i < s.Length && (char.IsAsciiLetterOrDigit(s[_i]) || s[_i] is '_' or '-' or ':' or '.' or '+' or '/'))
            {
                _i++;
            }

            // An identifier does not start with a digit (that is a number value).
            if (_i > start && char.IsAsciiDigit(s[start]))
            {
                _i = start;
                return "";
            }

            return s[start.._i];
        }

        private void SkipSpace()
        {
            while (_i < s.Length && char.IsWhiteSpace(s[_i]))
            {
                _i++;
            }
        }

        private void Expect(char c, int line, string where)
        {
            if (_i >= s.Length || s[_i] != c)
            {
                var found = _i >= s.Length ? "the end of the file" : $"'{s[_i]}'";
                throw new ParseFailure(_i >= s.Length ? line : LineOf(_i), $"Expected '{c}' in {where}, found {found}.");
            }

            _i++;
        }

        private bool IsLineStart(int index)
        {
            var j = index - 1;
            while (j >= 0 && s[j] is ' ' or '\t')
            {
                j--;
            }

            return j < 0 || s[j] == '\n';
        }

        private int NextEntryStart(int from)
        {
            for (var j = s.IndexOf('@', from); j >= 0; j = s.IndexOf('@', j + 1))
            {
                if (IsLineStart(j))
                {
                    return j;
                }
            }

            return s.Length;
        }

        private int LineOf(int index)
        {
            var found = _lineStarts.BinarySearch(Math.Max(0, index));
            return (found >= 0 ? found : ~found - 1) + 1;
        }

        private static List<int> LineStarts(string text)
        {
            var starts = new List<int> { 0 };
            for (var j = 0; j < text.Length; j++)
            {
                if (text[j] == '\n')
                {
                    starts.Add(j + 1);
                }
            }

            return starts;
        }
    }

    // Fields ------------------------------------------------------------------------------------------------------

    /// <summary>
    /// Splits an author field on ' and ' outside braces; 'Last, First' becomes 'First Last' ('Last, Jr, First' becomes
    /// 'First Last Jr'); a final 'others' marks the list as incomplete.
    /// </summary>
    public static (IReadOnlyList<string> Authors, bool Truncated) ParseAuthors(string raw)
    {
        var authors = new List<string>();
        var truncated = false;
        foreach (var part in SplitOutsideBraces(raw, "and"))
        {
            var name = LatexText.Collapse(part);
            if (name.Length == 0)
            {
                continue;
            }

            if (name.Equals("others", StringComparison.OrdinalIgnoreCase) || name is "et al." or "et al")
            {
                truncated = true;
                continue;
            }

            var pieces = SplitOutsideBraces(name, ",").Select(p => LatexText.Decode(p)).ToList();
            var decoded = pieces.Count switch
            {
                1 => pieces[0],
                2 => pieces[1].Length == 0 ? pieces[0] : $"{pieces[1]} {pieces[0]}",
                _ => string.Join(' ', new[] { pieces[2], pieces[0], pieces[1] }.Where(p => p.Length > 0)),
            };
            if (decoded.Length > 0)
            {
                authors.Add(decoded);
            }
        }

        return (authors, truncated);
    }

    /// <summary>Splits on <paramref name="separator"/> (',' or the word 'and' between white space) outside braces.</summary>
    private static List<string> SplitOutsideBraces(string text, string separator)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var j = 0; j < text.Length; j++)
        {
            var c = text[j];
            if (c == '\\')
            {
                j++;
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                depth--;
            }
            else if (depth == 0 && separator == "," && c == ',')
            {
                parts.Add(text[start..j]);
                start = j + 1;
            }
            else if (depth == 0 && separator != "," && char.IsWhiteSpace(c) && AndAt(text, j) is { } after)
            {
                parts.Add(text[start..j]);
                start = after;
                j = after - 1;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    /// <summary>Where the text after "white space, and, white space" starting at <paramref name="j"/> begins, or null.</summary>
    private static int? AndAt(string text, int j)
    {
        var k = j;
        while (k < text.Length && char.IsWhiteSpace(text[k]))
        {
            k++;
        }

        if (k + 4 > text.Length || string.Compare(text, k, "and", 0, 3, StringComparison.OrdinalIgnoreCase) != 0 || !char.IsWhiteSpace(text[k + 3]))
        {
            return null;
        }

        k += 3;
        while (k < text.Length && char.IsWhiteSpace(text[k]))
        {
            k++;
        }

        return k;
    }

    /// <summary>An arXiv id in new style (2402.03300) or old style (hep-th/9901001), without its version.</summary>
    private static string? ArxivIdIn(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (ReferenceIdentity.FindArxivId(text.StartsWith("abs/", StringComparison.OrdinalIgnoreCase) ? text[4..] : text) is { } id)
        {
            return id;
        }

        var match = OldStyleArxivId().Match(text);
        return match.Success ? match.Groups["id"].Value : null;
    }

    /// <summary>'arXiv preprint arXiv:2402.03300', 'ArXiv', 'arXiv e-prints', 'CoRR': the preprint server, not a venue.</summary>
    private static bool IsArxivPseudoVenue(string? venue) =>
        venue is not null && (venue.StartsWith("arxiv", StringComparison.OrdinalIgnoreCase) || venue is "CoRR" || venue.Contains("arXiv preprint", StringComparison.OrdinalIgnoreCase));

    /// <summary>The URL of a field (<c>\url{...}</c> unwrapped, escapes dropped), when it is an http(s) one.</summary>
    private static string? Url(string? raw)
    {
        if (raw is null)
        {
            return null;
        }

        var text = raw.Trim();
        var wrapped = UrlCommand().Match(text);
        if (wrapped.Success)
        {
            text = wrapped.Groups["url"].Value.Trim();
        }
        else if (text.StartsWith('{') && text.EndsWith('}'))
        {
            text = text[1..^1].Trim();
        }

        text = Unescape(text);
        return text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? text
            : null;
    }

    private static string Unescape(string text) => EscapedChar().Replace(text.Trim(), "$1");

    [GeneratedRegex(@"(?<![0-9])(1[5-9]|20|21)[0-9]{2}(?![0-9])")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguagePattern();

    [GeneratedRegex(@"(?<id>[a-z]+(?:-[a-z]+)?(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?")]
    private static partial Regex OldStyleArxivId();

    [GeneratedRegex(@"\\url\s*\{(?<url>[^{}]*)\}")]
    private static partial Regex UrlCommand();

    [GeneratedRegex(@"\\([_%&#~$])")]
    private static partial Regex EscapedChar();

    [GeneratedRegex(@"^@[A-Za-z]+\s*[{(]")]
    private static partial Regex EntryStart();
}
