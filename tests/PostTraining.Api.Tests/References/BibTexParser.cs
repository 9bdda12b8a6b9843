using System.Text.RegularExpressions;

namespace PostTraining.Api.Tests.References;

/// <summary>A minimal BibTeX reader for tests: entries of <c>@type{key, name = {value}, ...}</c> with balanced braces.</summary>
public static partial class BibTexParser
{
    public sealed record Entry(string Type, string Key, Dictionary<string, string> Fields);

    public static List<Entry> Parse(string text)
    {
        var entries = new List<Entry>();
        foreach (Match m in EntryStart().Matches(text))
        {
            var open = m.Index + m.Length - 1;
            var end = MatchingBrace(text, open);
            var body = text[(open + 1)..end];
            var comma = body.IndexOf(',', StringComparison.Ordinal);
            var key = body[..comma].Trim();
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var at = comma + 1;
            while (true)
            {
                var field = FieldStart().Match(body, at);
                if (!field.Success)
                {
                    break;
                }

                var valueOpen = field.Index + field.Length - 1;
                var valueEnd = MatchingBrace(body, valueOpen);
                fields[field.Groups["name"].Value] = body[(valueOpen + 1)..valueEnd];
                at = valueEnd + 1;
            }

            entries.Add(new Entry(m.Groups["type"].Value.ToLowerInvariant(), key, fields));
        }

        return entries;
    }

    private static int MatchingBrace(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
                continue;
            }

            depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return i;
            }
        }

        throw new FormatException("Unbalanced braces in BibTeX.");
    }

    [GeneratedRegex(@"@(?<type>[a-zA-Z]+)\s*\{")]
    private static partial Regex EntryStart();

    [GeneratedRegex(@"\G\s*,?\s*(?<name>[a-zA-Z]+)\s*=\s*\{")]
    private static partial Regex FieldStart();
}
