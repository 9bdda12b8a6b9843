using PostTraining.Data.Entities;

namespace PostTraining.Api.Search;

/// <summary>A search query folded and split once, then run against one or more <see cref="SearchIndex"/>es.</summary>
internal sealed class SearchQuery
{
    private SearchQuery(string folded, IReadOnlySet<NodeKind>? kinds, bool prefixOnly)
    {
        Folded = folded;
        // Words end where the script changes, so "lora微调" is the word "lora" and the run "微调".
        Sequence = TextFolding.Words(folded).Select(w => w.Word).ToArray();
        Tokens = Sequence.Distinct(StringComparer.Ordinal).ToArray();
        Runs = TextFolding.CjkRuns(folded).Distinct(StringComparer.Ordinal).ToArray();
        TermSequence = TextFolding.Terms(folded).Select(t => (t.Text, t.IsRun)).ToArray();
        Kinds = kinds;
        PrefixOnly = prefixOnly;
    }

    public string Folded { get; }

    /// <summary>The words of space-separated scripts in the order typed, repeats kept.</summary>
    public string[] Sequence { get; }

    /// <summary>Distinct words of space-separated scripts.</summary>
    public string[] Tokens { get; }

    /// <summary>Distinct runs of CJK characters.</summary>
    public string[] Runs { get; }

    /// <summary>Words and CJK runs in the order typed, repeats kept.</summary>
    public (string Text, bool IsRun)[] TermSequence { get; }

    /// <summary>Distinct words and CJK runs: the terms that must each match somewhere.</summary>
    public int TermCount => Tokens.Length + Runs.Length;

    public IReadOnlySet<NodeKind>? Kinds { get; }

    /// <summary>Type-ahead mode: names, abbreviations, aliases and slugs only, from the start of a word, no typos.</summary>
    public bool PrefixOnly { get; }

    /// <summary>Whether a typo phase could find anything: a word that may have typos, outside type-ahead mode.</summary>
    public bool AllowsTypos => !PrefixOnly && Tokens.Any(MayHaveTypos);

    /// <summary>
    /// Words of four characters or more, without digits. A number (a year, an arXiv id, a version) one edit away is
    /// another number, not a typo of it: "2305" must not find "2306". At scale the vocabulary holds hundreds of
    /// thousands of them, which every typo lookup for a digit-bearing word would compare.
    /// </summary>
    public static bool MayHaveTypos(string token) => token.Length >= 4 && !token.Any(char.IsAsciiDigit);

    /// <summary>Null when nothing can match: an empty query after folding.</summary>
    public static SearchQuery? Parse(string query, IReadOnlySet<NodeKind>? kinds, bool prefixOnly)
    {
        var folded = TextFolding.Fold(query);
        return folded.Length == 0 ? null : new SearchQuery(folded, kinds, prefixOnly);
    }
}
