using System.Net;
using System.Text;
using PostTraining.Data.Entities;

namespace PostTraining.Api.ReadModel;

/// <summary>Where a search hit matched.</summary>
public enum SearchField
{
    NameEn,
    NameZh,
    Abbreviation,
    Alias,
    Slug,
    DescriptionEn,
    DescriptionZh,
}

/// <summary>How a query matched a field, best first; the numeric value is the base score.</summary>
public enum MatchQuality
{
    Fuzzy = 45,
    AllWords = 60,
    Substring = 70,
    WordStart = 80,
    FieldPrefix = 90,
    Exact = 100,
}

public sealed record SearchHit(SnapshotNode Node, double Score, SearchField Field, MatchQuality Quality, string Highlight);

/// <summary>
/// An inverted index over every node's names (both languages), abbreviation, aliases, slug and descriptions, all
/// folded by <see cref="TextFolding"/>. Words of space-separated scripts are kept in a sorted vocabulary (prefix
/// lookups by binary search, typo lookups by bounded edit distance over words of similar length); CJK text is
/// indexed by character unigrams and bigrams, so any Chinese substring finds its fields without a scan.
/// </summary>
public sealed class SearchIndex
{
    private readonly IndexedField[] _fields;
    private readonly string[] _vocabulary;
    private readonly int[][] _wordPostings;
    private readonly Dictionary<int, int[]> _vocabularyByLength;
    private readonly Dictionary<string, int[]> _exact;
    private readonly Dictionary<uint, int[]> _grams;

    public SearchIndex(IEnumerable<SnapshotNode> nodes)
    {
        var fields = new List<IndexedField>();
        foreach (var node in nodes)
        {
            Add(fields, node, SearchField.NameEn, node.Row.NameEn);
            Add(fields, node, SearchField.NameZh, node.Row.NameZh);
            Add(fields, node, SearchField.Abbreviation, node.Row.Abbreviation);
            foreach (var alias in node.Row.Aliases)
            {
                Add(fields, node, SearchField.Alias, alias);
            }

            Add(fields, node, SearchField.Slug, node.Slug);
            Add(fields, node, SearchField.DescriptionEn, node.Row.DescriptionEn);
            Add(fields, node, SearchField.DescriptionZh, node.Row.DescriptionZh);
        }

        _fields = fields.ToArray();

        var words = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var exact = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var grams = new Dictionary<uint, List<int>>();
        for (var id = 0; id < _fields.Length; id++)
        {
            var folded = _fields[id].Folded;
            if (!IsDescription(_fields[id].Field))
            {
                AddPosting(exact, folded, id);
            }

            foreach (var (word, _) in TextFolding.Words(folded))
            {
                AddPosting(words, word, id);
            }

            foreach (var run in TextFolding.CjkRuns(folded))
            {
                for (var i = 0; i < run.Length; i++)
                {
                    AddPosting(grams, Gram(run[i], '\0'), id);
                    if (i + 1 < run.Length)
                    {
                        AddPosting(grams, Gram(run[i], run[i + 1]), id);
                    }
                }
            }
        }

        _vocabulary = words.Keys.Order(StringComparer.Ordinal).ToArray();
        _wordPostings = _vocabulary.Select(w => words[w].ToArray()).ToArray();
        _vocabularyByLength = Enumerable.Range(0, _vocabulary.Length)
            .GroupBy(i => _vocabulary[i].Length)
            .ToDictionary(g => g.Key, g => g.ToArray());
        _exact = exact.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        _grams = grams.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    public int FieldCount => _fields.Length;

    /// <summary>
    /// Ranked hits, one per node (its best field). <paramref name="prefixOnly"/> is the type-ahead mode: names,
    /// abbreviations, aliases and slugs only, matched from the start of a word, no typo tolerance.
    /// </summary>
    public IReadOnlyList<SearchHit> Find(string query, int limit, IReadOnlySet<NodeKind>? kinds = null, bool prefixOnly = false)
    {
        var q = TextFolding.Fold(query);
        if (q.Length == 0 || limit <= 0)
        {
            return [];
        }

        var tokens = TextFolding.Words(q).Select(w => w.Word).Distinct(StringComparer.Ordinal).ToArray();
        var runs = TextFolding.CjkRuns(q).Distinct(StringComparer.Ordinal).ToArray();
        var best = new Dictionary<long, Candidate>();

        if (tokens.Length + runs.Length > 0)
        {
            var tokenSets = tokens.Select(PrefixPostings).ToArray();
            var candidates = Intersect(tokenSets.Concat(runs.Select(RunPostings)));
            foreach (var id in candidates)
            {
                Consider(best, id, q, tokens, fuzzyDistance: 0, kinds, prefixOnly);
            }
        }
        else if (_exact.TryGetValue(q, out var exactIds))
        {
            // A query of punctuation only ("c++", "-") can still name a field exactly.
            foreach (var id in exactIds)
            {
                Consider(best, id, q, tokens, fuzzyDistance: 0, kinds, prefixOnly);
            }
        }

        // Typos are looked for only when exact and prefix matching left room in the page: a query that already
        // matches well should not be diluted by near misses, and the vocabulary scan is the costly part.
        if (!prefixOnly && best.Count < limit && tokens.Length > 0 && tokens.Any(t => t.Length >= 4))
        {
            var distance = new Dictionary<int, int>();
            var perToken = new List<HashSet<int>>();
            foreach (var token in tokens)
            {
                var set = PrefixPostings(token);
                foreach (var (fieldIds, d) in FuzzyPostings(token))
                {
                    foreach (var id in fieldIds)
                    {
                        set.Add(id);
                        distance[id] = distance.TryGetValue(id, out var old) ? Math.Min(old, d) : d;
                    }
                }

                perToken.Add(set);
            }

            foreach (var runSet in runs.Select(RunPostings))
            {
                perToken.Add(runSet);
            }

            foreach (var id in Intersect(perToken))
            {
                if (distance.TryGetValue(id, out var d))
                {
                    Consider(best, id, q, tokens, d, kinds, prefixOnly);
                }
            }
        }

        return best.Values
            .OrderByDescending(h => h.Score)
            .ThenBy(h => NodeKinds.Rank(h.Node.Kind))
            .ThenBy(h => h.Node.Depth)
            .ThenBy(h => h.Node.Slug, StringComparer.Ordinal)
            .Take(limit)
            .Select(c => new SearchHit(c.Node, c.Score, _fields[c.FieldId].Field, c.Quality, Highlight(_fields[c.FieldId], c.Spans)))
            .ToArray();
    }

    private void Consider(Dictionary<long, Candidate> best, int id, string q, string[] tokens, int fuzzyDistance, IReadOnlySet<NodeKind>? kinds, bool prefixOnly)
    {
        var field = _fields[id];
        if (kinds is not null && !kinds.Contains(field.Node.Kind))
        {
            return;
        }

        if (prefixOnly && IsDescription(field.Field))
        {
            return;
        }

        var (quality, spans) = Classify(field.Folded, q, tokens, fuzzyDistance);
        if (quality is null || (prefixOnly && quality == MatchQuality.Substring && !TextFolding.IsCjk(q[0])))
        {
            return;
        }

        var score = (double)quality.Value * Weight(field.Field) - 5 * fuzzyDistance;
        if (best.TryGetValue(field.Node.Id, out var current) && current.Score >= score)
        {
            return;
        }

        best[field.Node.Id] = new Candidate(field.Node, Math.Round(score, 1), id, quality.Value, spans);
    }

    private static (MatchQuality? Quality, List<(int Start, int Length)> Spans) Classify(string text, string q, string[] tokens, int fuzzyDistance)
    {
        if (fuzzyDistance == 0)
        {
            if (text == q)
            {
                return (MatchQuality.Exact, [(0, text.Length)]);
            }

            var at = text.IndexOf(q, StringComparison.Ordinal);
            if (at == 0)
            {
                return (MatchQuality.FieldPrefix, [(0, q.Length)]);
            }

            if (at > 0)
            {
                return (TextFolding.IsWordStart(text, at) ? MatchQuality.WordStart : MatchQuality.Substring, [(at, q.Length)]);
            }
        }

        // Not contiguous: every query word starts some word of the field (or, for typos, is close to one).
        var spans = new List<(int, int)>();
        var words = TextFolding.Words(text).ToArray();
        foreach (var token in tokens)
        {
            var hit = words.FirstOrDefault(w => w.Word.StartsWith(token, StringComparison.Ordinal));
            if (hit.Word is null && fuzzyDistance > 0)
            {
                hit = words.FirstOrDefault(w => TextFolding.BoundedLevenshtein(token, w.Word, MaxTypos(token)) >= 0);
            }

            if (hit.Word is null)
            {
                return (null, spans);
            }

            spans.Add((hit.Start, hit.Word.StartsWith(token, StringComparison.Ordinal) ? token.Length : hit.Word.Length));
        }

        foreach (var run in TextFolding.CjkRuns(q))
        {
            var at = text.IndexOf(run, StringComparison.Ordinal);
            if (at < 0)
            {
                return (null, spans);
            }

            spans.Add((at, run.Length));
        }

        return (fuzzyDistance > 0 ? MatchQuality.Fuzzy : MatchQuality.AllWords, spans);
    }

    /// <summary>The field's text, HTML-escaped, with each matched span inside &lt;mark&gt;…&lt;/mark&gt;.</summary>
    private static string Highlight(IndexedField field, List<(int Start, int Length)> spans)
    {
        // Folding keeps offsets when it keeps the length (the usual case); otherwise highlight the folded text.
        var text = field.Original.Length == field.Folded.Length ? field.Original : field.Folded;
        var marks = new bool[text.Length];
        foreach (var (start, length) in spans)
        {
            for (var i = start; i < Math.Min(text.Length, start + length); i++)
            {
                marks[i] = true;
            }
        }

        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            if (marks[i] && (i == 0 || !marks[i - 1]))
            {
                builder.Append("<mark>");
            }

            builder.Append(WebUtility.HtmlEncode(text[i].ToString()));
            if (marks[i] && (i == text.Length - 1 || !marks[i + 1]))
            {
                builder.Append("</mark>");
            }
        }

        return builder.ToString();
    }

    private HashSet<int> PrefixPostings(string token)
    {
        var set = new HashSet<int>();
        var lo = LowerBound(token);
        for (var i = lo; i < _vocabulary.Length && _vocabulary[i].StartsWith(token, StringComparison.Ordinal); i++)
        {
            set.UnionWith(_wordPostings[i]);
        }

        return set;
    }

    private IEnumerable<(int[] FieldIds, int Distance)> FuzzyPostings(string token)
    {
        if (token.Length < 4)
        {
            yield break;
        }

        var max = MaxTypos(token);
        for (var length = token.Length - max; length <= token.Length + max; length++)
        {
            if (!_vocabularyByLength.TryGetValue(length, out var wordIds))
            {
                continue;
            }

            foreach (var w in wordIds)
            {
                var d = TextFolding.BoundedLevenshtein(token, _vocabulary[w], max);
                if (d > 0)
                {
                    yield return (_wordPostings[w], d);
                }
            }
        }
    }

    private HashSet<int> RunPostings(string run)
    {
        HashSet<int>? set = null;
        var keys = run.Length == 1
            ? [Gram(run[0], '\0')]
            : Enumerable.Range(0, run.Length - 1).Select(i => Gram(run[i], run[i + 1]));
        foreach (var key in keys.OrderBy(k => _grams.TryGetValue(k, out var p) ? p.Length : 0))
        {
            if (!_grams.TryGetValue(key, out var postings))
            {
                return [];
            }

            if (set is null)
            {
                set = [.. postings];
            }
            else
            {
                set.IntersectWith(postings);
            }
        }

        // Bigrams can all occur without the run itself occurring: confirm.
        set ??= [];
        set.RemoveWhere(id => !_fields[id].Folded.Contains(run, StringComparison.Ordinal));
        return set;
    }

    private static HashSet<int> Intersect(IEnumerable<HashSet<int>> sets)
    {
        HashSet<int>? result = null;
        foreach (var set in sets.OrderBy(s => s.Count))
        {
            if (result is null)
            {
                result = [.. set];
            }
            else
            {
                result.IntersectWith(set);
            }

            if (result.Count == 0)
            {
                break;
            }
        }

        return result ?? [];
    }

    private int LowerBound(string token)
    {
        int lo = 0, hi = _vocabulary.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(_vocabulary[mid], token) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int MaxTypos(string token) => token.Length >= 8 ? 2 : 1;

    private static double Weight(SearchField field) => field switch
    {
        SearchField.NameEn or SearchField.NameZh or SearchField.Abbreviation => 1.0,
        SearchField.Alias => 0.95,
        SearchField.Slug => 0.9,
        _ => 0.4,
    };

    private static bool IsDescription(SearchField field) => field is SearchField.DescriptionEn or SearchField.DescriptionZh;

    private static uint Gram(char a, char b) => ((uint)a << 16) | b;

    private static void Add(List<IndexedField> fields, SnapshotNode node, SearchField field, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            fields.Add(new IndexedField(node, field, text, TextFolding.Fold(text)));
        }
    }

    private static void AddPosting<TKey>(Dictionary<TKey, List<int>> index, TKey key, int id)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        if (list.Count == 0 || list[^1] != id)
        {
            list.Add(id);
        }
    }

    private sealed record Candidate(SnapshotNode Node, double Score, int FieldId, MatchQuality Quality, List<(int Start, int Length)> Spans);

    private sealed record IndexedField(SnapshotNode Node, SearchField Field, string Original, string Folded);
}
