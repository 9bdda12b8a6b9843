using System.Net;
using System.Text;
using PostTraining.Api.ReadModel;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Search;

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
/// The index keeps no <see cref="SnapshotNode"/>: only each node's id and tie-break key, so an index that outlives its
/// snapshot (the base of a <see cref="SnapshotSearch"/> overlay) does not keep that snapshot's graph alive.
/// </summary>
public sealed class SearchIndex
{
    private readonly IndexedNode[] _nodes;
    private readonly IndexedField[] _fields;
    /// <summary>Node order -> its first field id (a node's fields are contiguous); one more entry closes the last node.</summary>
    private readonly int[] _firstField;
    /// <summary>Node order -> its first description field id (descriptions come last), or the next node's first field.</summary>
    private readonly int[] _firstDescription;
    /// <summary>The most fields any one node has: two field ids further apart than this belong to different nodes.</summary>
    private readonly int _maxNodeFields;
    /// <summary>Words in each field (at most 255): what bounds a typo match without reading the field's text.</summary>
    private readonly byte[] _wordCounts;
    /// <summary>One bit a field, set for descriptions: 150 KB at a million fields, read where the fields would be too slow.</summary>
    private readonly ulong[] _descriptionBits;
    private readonly string[] _vocabulary;
    private readonly int[][] _wordPostings;
    /// <summary>Word ids by (length, number of digits): the two things that bound an edit distance cheaply.</summary>
    private readonly Dictionary<(int Length, int Digits), int[]> _vocabularyByShape;
    private readonly Dictionary<string, int[]> _exact;
    private readonly Dictionary<uint, int[]> _grams;

    /// <summary>Merged postings of prefixes that start several words, made on first use.</summary>
    private readonly BoundedCache<int[]> _prefixPostings = new(16_384, 32L << 20, ids => 4L * ids.Length + 64);

    private static readonly Dictionary<int, int> NoTypos = [];

    public SearchIndex(IEnumerable<SnapshotNode> nodes)
    {
        // Fields are numbered in the order ties are broken (kind, depth, slug), a node's fields together: scanning
        // candidates by id visits them in result order, so a page fills without scoring and sorting every match.
        var sorted = nodes.OrderBy(n => NodeKinds.Rank(n.Kind)).ThenBy(n => n.Depth).ThenBy(n => n.Slug, StringComparer.Ordinal).ToArray();
        _nodes = new IndexedNode[sorted.Length];
        // Counted first so the field array is allocated once at its size: at a million fields, a growing list copied
        // tens of megabytes for nothing.
        var count = 0;
        foreach (var node in sorted)
        {
            count += Present(node.Row.NameEn) + Present(node.Row.NameZh) + Present(node.Row.Abbreviation) + Present(node.Slug)
                + Present(node.Row.DescriptionEn) + Present(node.Row.DescriptionZh);
            foreach (var alias in node.Row.Aliases)
            {
                count += Present(alias);
            }
        }

        _fields = new IndexedField[count];
        _descriptionBits = new ulong[(count + 63) / 64];
        _wordCounts = new byte[count];
        _firstField = new int[sorted.Length + 1];
        _firstDescription = new int[sorted.Length];
        var next = 0;
        for (var order = 0; order < sorted.Length; order++)
        {
            var node = sorted[order];
            _firstField[order] = next;
            _nodes[order] = new IndexedNode(node.Id, node.Kind, node.Depth, node.Slug);
            Add(ref next, order, SearchField.NameEn, node.Row.NameEn);
            Add(ref next, order, SearchField.NameZh, node.Row.NameZh);
            Add(ref next, order, SearchField.Abbreviation, node.Row.Abbreviation);
            foreach (var alias in node.Row.Aliases)
            {
                Add(ref next, order, SearchField.Alias, alias);
            }

            Add(ref next, order, SearchField.Slug, node.Slug);
            _firstDescription[order] = next;
            Add(ref next, order, SearchField.DescriptionEn, node.Row.DescriptionEn);
            Add(ref next, order, SearchField.DescriptionZh, node.Row.DescriptionZh);
        }

        _firstField[sorted.Length] = next;
        for (var order = 0; order < sorted.Length; order++)
        {
            _maxNodeFields = Math.Max(_maxNodeFields, _firstField[order + 1] - _firstField[order]);
        }

        var words = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var exact = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var grams = new Dictionary<uint, List<int>>();
        // Words are looked up by span: a million fields would otherwise allocate a string per word just to find it.
        var wordLookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var id = 0; id < _fields.Length; id++)
        {
            var folded = _fields[id].Folded;
            var hasWordOrCjk = false;
            var start = -1;
            for (var i = 0; i <= folded.Length; i++)
            {
                var c = i < folded.Length ? folded[i] : ' ';
                var inWord = i < folded.Length && TextFolding.IsWordChar(c);
                if (inWord && start < 0)
                {
                    start = i;
                }
                else if (!inWord && start >= 0)
                {
                    var word = folded.AsSpan(start, i - start);
                    if (!wordLookup.TryGetValue(word, out var list))
                    {
                        wordLookup[word] = list = [];
                    }

                    AddId(list, id);
                    start = -1;
                    hasWordOrCjk = true;
                    _wordCounts[id] = (byte)Math.Min(byte.MaxValue, _wordCounts[id] + 1);
                }

                if (i < folded.Length && TextFolding.IsCjk(c))
                {
                    hasWordOrCjk = true;
                    AddPosting(grams, Gram(c, '\0'), id);
                    if (i + 1 < folded.Length && TextFolding.IsCjk(folded[i + 1]))
                    {
                        AddPosting(grams, Gram(c, folded[i + 1]), id);
                    }
                }
            }

            // Only a query without words or CJK (punctuation, "c++") is looked up whole, and it can only equal a
            // field that has none either: the rest need no entry.
            if (!hasWordOrCjk && !IsDescription(_fields[id].Field))
            {
                AddPosting(exact, folded, id);
            }
        }

        _vocabulary = words.Keys.Order(StringComparer.Ordinal).ToArray();
        _wordPostings = _vocabulary.Select(w => words[w].ToArray()).ToArray();
        _vocabularyByShape = Enumerable.Range(0, _vocabulary.Length)
            .GroupBy(i => (_vocabulary[i].Length, Digits(_vocabulary[i])))
            .ToDictionary(g => g.Key, g => g.ToArray());
        _exact = exact.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
        _grams = grams.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    public int FieldCount => _fields.Length;

    /// <summary>
    /// The exact and prefix phase: every field whose words start with each query word and that holds each CJK run (a
    /// query without either: fields equal to it), then nodes whose fields hold the terms between them
    /// (<see cref="ScanAcrossFields"/>), scored into <paramref name="top"/>. Fields of nodes in
    /// <paramref name="excluded"/> are skipped: another index has their current text.
    /// </summary>
    internal void ScanExact(SearchQuery query, TopHits top, IReadOnlySet<long>? excluded)
    {
        if (query.Tokens.Length + query.Runs.Length > 0)
        {
            var postings = query.Tokens.Select(PrefixPostings).Concat(query.Runs.Select(RunPostings)).ToArray();
            var candidates = Intersect([.. postings]);
            Scan(top, candidates, null, query, excluded);
            ScanAcrossFields(query, postings, candidates, top, excluded);
        }
        else if (_exact.TryGetValue(query.Folded, out var exactIds))
        {
            // A query of punctuation only ("c++", "-") can still name a field exactly.
            Scan(top, exactIds, null, query, excluded);
        }
    }

    /// <summary>
    /// The typo phase: fields where each query word starts a word or is within a few edits of one, and at least one
    /// is a typo. Only worth running when <see cref="SearchQuery.AllowsTypos"/> and the exact phase left room.
    /// </summary>
    internal void ScanTypos(SearchQuery query, TopHits top, IReadOnlySet<long>? excluded)
    {
        var perToken = new List<int[]>(query.Tokens.Length + query.Runs.Length);
        var distances = new List<Dictionary<int, int>>(query.Tokens.Length);
        foreach (var token in query.Tokens)
        {
            var expansion = TypoExpansion(token);
            perToken.Add(expansion.Ids);
            distances.Add(expansion.Distance);
        }

        perToken.AddRange(query.Runs.Select(RunPostings));
        Scan(top, Intersect(perToken), distances, query, excluded);
    }

    /// <summary>
    /// The phase for queries of several terms that no single name holds together: nodes where each word starts a word
    /// of some field and each CJK run occurs in some field ("LoRA微调": the abbreviation LoRA, 微调 in the
    /// description). A node scores the mean of its terms' best field scores times <see cref="AcrossFields"/>. Nodes
    /// with a name, abbreviation, alias or slug holding every term are left to the field phase, which ranks that name.
    /// Each node is first bounded by the weights of the fields its terms occur in (from the postings, without reading
    /// the text), so a broad query classifies only the nodes that could still enter the page.
    /// </summary>
    private void ScanAcrossFields(SearchQuery query, int[][] postings, int[] together, TopHits top, IReadOnlySet<long>? excluded)
    {
        var ceiling = Math.Round((double)MatchQuality.Exact * AcrossFields, 1);
        // Nothing can enter a full page below the ceiling, even this index's first node in tie-break order.
        if (query.TermCount < 2 || _nodes.Length == 0 || !top.CouldEnter(ceiling, this, 0))
        {
            return;
        }

        // The terms in the order of their postings: the query's words, then its runs.
        var terms = query.Tokens.Select(t => (Text: t, IsRun: false)).Concat(query.Runs.Select(r => (Text: r, IsRun: true))).ToArray();
        var held = NodesWithANameHoldingEveryTerm(together, query.Runs);
        var driver = postings.MinBy(p => p.Length)!;
        var cursors = new int[terms.Length];
        var (heldAt, order) = (0, 0);
        // The most a node scores when one term is only in descriptions: once the page is above it, the driver's
        // description entries are skipped by their bit, without finding their node.
        var descriptionOnly = Math.Round(((double)MatchQuality.Exact * (terms.Length - 1) + (double)MatchQuality.Exact * Weight(SearchField.DescriptionEn)) / terms.Length * AcrossFields, 1);
        // Only sorted int arrays are read until a node's bound says it could enter the page: the node of a field id by
        // binary search over _firstField, each term's postings in the node by a forward-moving cursor, and whether
        // they are all descriptions by _firstDescription. The fields themselves are far larger and read at random.
        for (var at = 0; at < driver.Length;)
        {
            // Nodes after the current one only lose ties to it, so a score that cannot enter here cannot there.
            if ((_descriptionBits[driver[at] >> 6] & (1UL << (driver[at] & 63))) != 0 && !top.CouldEnter(descriptionOnly, this, order))
            {
                at++;
                continue;
            }

            // A node holding every term has each term's postings within its few field ids: when another term has no
            // posting that close to this one, this field's node lacks that term, found from the sorted ids alone.
            if (!EveryTermNear(postings, cursors, driver[at]))
            {
                at++;
                continue;
            }

            order = NodeOf(driver[at], order);
            var end = _firstField[order + 1];
            while (at < driver.Length && driver[at] < end)
            {
                at++;
            }

            while (heldAt < held.Count && held[heldAt] < order)
            {
                heldAt++;
            }

            if (heldAt < held.Count && held[heldAt] == order)
            {
                continue;
            }

            // The bound: each term at the weight of the best kind of field it occurs in, as if it matched it exactly.
            var bound = 0.0;
            for (var t = 0; t < terms.Length && bound >= 0; t++)
            {
                var weight = WeightBound(postings[t], ref cursors[t], order, query.PrefixOnly);
                bound = weight < 0 ? -1 : bound + (double)MatchQuality.Exact * weight;
            }

            ref readonly var node = ref _nodes[order];
            if (bound < 0 || !top.CouldEnter(Math.Round(bound / terms.Length * AcrossFields, 1), this, order)
                || (query.Kinds is not null && !query.Kinds.Contains(node.Kind)) || (excluded is not null && excluded.Contains(node.Id)))
            {
                continue;
            }

            var sum = 0.0;
            var (bestField, bestScore, bestQuality) = (-1, -1.0, MatchQuality.AllWords);
            for (var t = 0; t < terms.Length && sum >= 0; t++)
            {
                // The term's fields in this node: the postings from the cursor on (WeightBound left it at the node).
                var (termField, termScore, termQuality) = (-1, -1.0, MatchQuality.AllWords);
                for (var c = cursors[t]; c < postings[t].Length && postings[t][c] < end; c++)
                {
                    var id = postings[t][c];
                    ref readonly var field = ref _fields[id];
                    if ((!query.PrefixOnly || !IsDescription(field.Field))
                        && ClassifyTerm(field.Folded, terms[t].Text, terms[t].IsRun) is { } quality && (double)quality * Weight(field.Field) > termScore)
                    {
                        (termField, termScore, termQuality) = (id, (double)quality * Weight(field.Field), quality);
                    }
                }

                sum = termField < 0 ? -1 : sum + termScore;
                if (termScore > bestScore)
                {
                    (bestField, bestScore, bestQuality) = (termField, termScore, termQuality);
                }
            }

            if (sum < 0 || (query.PrefixOnly && bestQuality == MatchQuality.Substring))
            {
                continue;
            }

            // Reported as an all-words match (every term matched), highlighted in the field that matched best.
            var score = Math.Round(sum / terms.Length * AcrossFields, 1);
            top.Offer(new Candidate(this, order, node.Id, score, bestField, MatchQuality.AllWords, TermSpans(_fields[bestField].Folded, terms)));
        }
    }

    /// <summary>
    /// An upper bound of the weight of the best field of node <paramref name="order"/> among
    /// <paramref name="postings"/> (-1: none): a name's when one is not a description, a description's otherwise.
    /// Moves <paramref name="cursor"/> to the node's first entry; nodes come in ascending order, so it only moves forward.
    /// </summary>
    private double WeightBound(int[] postings, ref int cursor, int order, bool prefixOnly)
    {
        var first = _firstField[order];
        while (cursor < postings.Length && postings[cursor] < first)
        {
            cursor++;
        }

        if (cursor == postings.Length || postings[cursor] >= _firstField[order + 1])
        {
            return -1;
        }

        return postings[cursor] < _firstDescription[order] ? 1.0 : prefixOnly ? -1 : Weight(SearchField.DescriptionEn);
    }

    /// <summary>
    /// Whether every term's postings have an id within <see cref="_maxNodeFields"/> of <paramref name="id"/>, moving
    /// each cursor forward to the first id that could still share a node with it (never past the node's own entries).
    /// </summary>
    private bool EveryTermNear(int[][] postings, int[] cursors, int id)
    {
        for (var t = 0; t < postings.Length; t++)
        {
            var list = postings[t];
            ref var c = ref cursors[t];
            while (c < list.Length && list[c] <= id - _maxNodeFields)
            {
                c++;
            }

            if (c == list.Length || list[c] >= id + _maxNodeFields)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The node of field <paramref name="id"/>, at or after node <paramref name="from"/>: a galloping search over
    /// _firstField, since the next node asked for is usually a few nodes on.
    /// </summary>
    private int NodeOf(int id, int from)
    {
        var step = 1;
        var hi = from + 1;
        while (hi < _nodes.Length && _firstField[hi] <= id)
        {
            from = hi;
            hi = Math.Min(_nodes.Length, hi + step);
            step <<= 1;
        }

        var found = Array.BinarySearch(_firstField, from, hi - from + 1, id);
        return found >= 0 ? found : ~found - 1;
    }

    /// <summary>Nodes (ascending) with a field other than a description among <paramref name="fieldIds"/> that holds each run.</summary>
    private List<int> NodesWithANameHoldingEveryTerm(int[] fieldIds, string[] runs)
    {
        var nodes = new List<int>();
        foreach (var id in fieldIds)
        {
            var (node, kind, text) = (_fields[id].Node, _fields[id].Field, _fields[id].Folded);
            if (!IsDescription(kind) && runs.All(r => text.Contains(r, StringComparison.Ordinal)))
            {
                AddId(nodes, node);
            }
        }

        return nodes;
    }

    /// <summary>
    /// The last phase, only while the page has room: nodes that hold at least half of the query's units (its words,
    /// and the character bigrams of its CJK runs) even though some term matches nowhere, as a CJK search engine
    /// matches bigrams. "強化學習 人類回饋" has no node with 人类回馈 (the service says 人类反馈), yet RLHF holds
    /// 强化学习 and 人类: four of its six bigrams. A node scores <see cref="MatchQuality.Fuzzy"/> times
    /// <see cref="Partial"/> times its coverage (each unit counted at the weight of its best field), below any
    /// match of every term. Skipped in type-ahead mode, and when the units' postings in this index hold more than
    /// <see cref="MaxPartialPostings"/> ids: a query of common words would score half the index for hits of the lowest
    /// rank. (Judged per index, so an overlay whose base is just past the limit and a full index just under it could
    /// differ in these lowest hits; nothing else in the overlay depends on sizes.)
    /// </summary>
    internal void ScanPartial(SearchQuery query, TopHits top, IReadOnlySet<long>? excluded)
    {
        var units = new List<(string Text, int[] FieldIds)>();
        units.AddRange(query.Tokens.Select(t => (t, PrefixPostings(t))));
        foreach (var run in query.Runs)
        {
            if (run.Length == 1)
            {
                units.Add((run, _grams.GetValueOrDefault(Gram(run[0], '\0')) ?? []));
            }

            for (var i = 0; i + 1 < run.Length; i++)
            {
                units.Add((run.Substring(i, 2), _grams.GetValueOrDefault(Gram(run[i], run[i + 1])) ?? []));
            }
        }

        // Type-ahead shows what matches what was typed: no partial matches there.
        if (query.PrefixOnly || units.Count < 2 || units.Sum(u => (long)u.FieldIds.Length) > MaxPartialPostings)
        {
            return;
        }

        // Node order -> the best weight at which each unit occurs in the node's fields.
        var coverage = new Dictionary<int, double[]>();
        for (var u = 0; u < units.Count; u++)
        {
            foreach (var id in units[u].FieldIds)
            {
                ref readonly var field = ref _fields[id];
                if (!coverage.TryGetValue(field.Node, out var weights))
                {
                    coverage[field.Node] = weights = new double[units.Count];
                }

                weights[u] = Math.Max(weights[u], Weight(field.Field));
            }
        }

        var needed = (units.Count + 1) / 2;
        foreach (var (order, weights) in coverage.OrderBy(c => c.Key))
        {
            ref readonly var node = ref _nodes[order];
            if (weights.Count(w => w > 0) < Math.Max(2, needed) || (query.Kinds is not null && !query.Kinds.Contains(node.Kind))
                || (excluded is not null && excluded.Contains(node.Id)))
            {
                continue;
            }

            var score = Math.Round((double)MatchQuality.Fuzzy * Partial * weights.Sum() / units.Count, 1);
            if (!top.CouldEnter(score, this, order))
            {
                continue;
            }

            // Highlighted in the field holding the most units.
            var unitTerms = units.Select(u => (u.Text, IsRun: TextFolding.IsCjk(u.Text[0]))).ToArray();
            var best = Enumerable.Range(_firstField[order], _firstField[order + 1] - _firstField[order])
                .MaxBy(id => unitTerms.Count(t => ClassifyTerm(_fields[id].Folded, t.Text, t.IsRun) is not null));
            top.Offer(new Candidate(this, order, node.Id, score, best, MatchQuality.Fuzzy, TermSpans(_fields[best].Folded, unitTerms)));
        }
    }

    /// <summary>How one query term matches a field: the whole of it, its start, a word start, inside (null: nowhere).</summary>
    private static MatchQuality? ClassifyTerm(string text, string term, bool isRun)
    {
        if (text == term)
        {
            return MatchQuality.Exact;
        }

        var at = text.IndexOf(term, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        if (at == 0)
        {
            return MatchQuality.FieldPrefix;
        }

        for (; !isRun && at >= 0; at = text.IndexOf(term, at + 1, StringComparison.Ordinal))
        {
            if (TextFolding.IsWordStart(text, at))
            {
                return MatchQuality.WordStart;
            }
        }

        return MatchQuality.Substring;
    }

    /// <summary>The first occurrence in the field of each term that occurs in it.</summary>
    private static List<(int Start, int Length)> TermSpans(string text, (string Text, bool IsRun)[] terms)
    {
        var spans = new List<(int, int)>();
        foreach (var (term, _) in terms)
        {
            var at = text.IndexOf(term, StringComparison.Ordinal);
            if (at >= 0)
            {
                spans.Add((at, term.Length));
            }
        }

        return spans;
    }

    /// <summary>
    /// The fields a query word reaches with typos allowed: those it starts a word of, and those with a word a few edits
    /// away (their distance: the smallest over the field's words). A word with no near miss in the vocabulary (most,
    /// and every number) reaches just its prefix postings, which are shared, not copied.
    /// </summary>
    private TypoReach TypoExpansion(string token)
    {
        var fuzzy = FuzzyPostings(token).ToList();
        var prefix = PrefixPostings(token);
        if (fuzzy.Count == 0)
        {
            return new TypoReach(prefix, NoTypos);
        }

        var reached = fuzzy.Sum(f => f.FieldIds.Length);
        var distance = new Dictionary<int, int>(reached);
        var ids = new List<int>(prefix.Length + reached);
        ids.AddRange(prefix);
        foreach (var (fieldIds, d) in fuzzy)
        {
            foreach (var id in fieldIds)
            {
                ids.Add(id);
                distance[id] = distance.TryGetValue(id, out var old) ? Math.Min(old, d) : d;
            }
        }

        return new TypoReach(SortedDistinct(ids), distance);
    }

    /// <summary>The hit a ranked candidate of this index becomes, for the node it resolved to in the current snapshot.</summary>
    internal SearchHit ToHit(Candidate candidate, SnapshotNode node)
    {
        ref readonly var field = ref _fields[candidate.FieldId];
        return new SearchHit(node, candidate.Score, field.Field, candidate.Quality, Highlight(field, candidate.Spans));
    }

    /// <summary>
    /// True when this index's node <paramref name="order"/> comes before <paramref name="otherOrder"/> of
    /// <paramref name="other"/> among equal scores. Within one index the order numbers already encode (kind, depth,
    /// slug); across two indexes the keys are compared.
    /// </summary>
    internal bool Precedes(int order, SearchIndex other, int otherOrder)
    {
        if (ReferenceEquals(this, other))
        {
            return order < otherOrder;
        }

        ref readonly var a = ref _nodes[order];
        ref readonly var b = ref other._nodes[otherOrder];
        var byKind = NodeKinds.Rank(a.Kind).CompareTo(NodeKinds.Rank(b.Kind));
        if (byKind != 0)
        {
            return byKind < 0;
        }

        return a.Depth != b.Depth ? a.Depth < b.Depth : string.CompareOrdinal(a.Slug, b.Slug) < 0;
    }

    /// <summary>
    /// Scores candidate fields (ids ascending, i.e. in tie-break order) into the bounded page. A field that cannot beat
    /// the page's last hit even with an exact match is skipped unclassified, which is what keeps a query matching tens
    /// of thousands of fields cheap. With <paramref name="distances"/> only fields matched by a typo are scored.
    /// </summary>
    private void Scan(TopHits top, int[] candidates, List<Dictionary<int, int>>? distances, SearchQuery query, IReadOnlySet<long>? excluded)
    {
        foreach (var id in candidates)
        {
            var fuzzyDistance = 0;
            if (distances is not null && (fuzzyDistance = TypoDistance(distances, id)) == 0)
            {
                continue;
            }

            ref readonly var field = ref _fields[id];
            ref readonly var node = ref _nodes[field.Node];
            if ((query.Kinds is not null && !query.Kinds.Contains(node.Kind)) || (query.PrefixOnly && IsDescription(field.Field)))
            {
                continue;
            }

            // A typo match is the whole field only if the field has as many words as the query (a count kept per field,
            // so the tens of thousands of fields a broad typo reaches are bounded without reading their text).
            var weight = Weight(field.Field);
            var typoCeiling = _wordCounts[id] == query.Sequence.Length && query.Runs.Length == 0 ? MatchQuality.Exact : MatchQuality.Fuzzy;
            if (!top.CouldEnter(ScoreOf(fuzzyDistance > 0 ? typoCeiling : MatchQuality.Exact, weight, fuzzyDistance), this, field.Node))
            {
                continue;
            }

            // Then the best this field can still reach, from two cheap tests instead of the word-by-word
            // classification. Once a page of a broad query is full of word matches in names, the thousands of other
            // names matching by a word stop here: they could at most tie and come later in tie-break order.
            var ceiling = fuzzyDistance > 0 ? ScoreOf(typoCeiling, weight, fuzzyDistance) : ScoreOf(BestPossible(field.Folded, query), weight, 0);
            // The exclusion test comes after the cheaper bounds: most candidates of a broad query stop at them.
            if (!top.CouldEnter(ceiling, this, field.Node) || (excluded is not null && excluded.Contains(node.Id)))
            {
                continue;
            }

            var (quality, ranked, spans) = Classify(field.Folded, query, fuzzyDistance);
            if (quality is null || (query.PrefixOnly && quality == MatchQuality.Substring && !TextFolding.IsCjk(query.Folded[0])))
            {
                continue;
            }

            top.Offer(new Candidate(this, field.Node, node.Id, ScoreOf(ranked, weight, fuzzyDistance), id, quality.Value, spans));
        }
    }

    /// <summary>The smallest distance at which any query word reached the field by a typo; 0 when none did.</summary>
    private static int TypoDistance(List<Dictionary<int, int>> distances, int id)
    {
        var best = 0;
        foreach (var distance in distances)
        {
            if (distance.TryGetValue(id, out var d) && (best == 0 || d < best))
            {
                best = d;
            }
        }

        return best;
    }

    /// <summary>
    /// An upper bound of how <see cref="Classify"/> ranks this field without typos: exact only if equal (or, for
    /// several terms, if the field may hold the same terms with other separators: it starts with the first term, or
    /// with no term), a field prefix only if it starts with the query, otherwise a word start at best.
    /// </summary>
    private static MatchQuality BestPossible(string text, SearchQuery query) =>
        text == query.Folded ? MatchQuality.Exact
        : text.StartsWith(query.Folded, StringComparison.Ordinal) ? MatchQuality.FieldPrefix
        : query.TermSequence.Length > 1 && (text.StartsWith(query.TermSequence[0].Text, StringComparison.Ordinal)
            || !(TextFolding.IsWordChar(text[0]) || TextFolding.IsCjk(text[0]))) ? MatchQuality.Exact
        : MatchQuality.WordStart;

    /// <summary>
    /// A field's score: its match quality times the field's weight. A typo match scores 45 times the weight, 50 when
    /// the corrected query is the whole field ("lroa" against the abbreviation "LoRA", not against "Laplace-LoRA"),
    /// less 5 a typo: never as much as a match without typos in the same field.
    /// </summary>
    private static double ScoreOf(MatchQuality ranked, double weight, int fuzzyDistance) =>
        fuzzyDistance == 0
            ? Math.Round((double)ranked * weight, 1)
            : Math.Round(((double)MatchQuality.Fuzzy + (ranked == MatchQuality.Exact ? 5 : 0)) * weight - 5 * fuzzyDistance, 1);

    /// <summary>
    /// How the query matches the field (null: it does not), the quality it ranks by (for a typo match, that of the
    /// corrected query; otherwise the same) and the spans to highlight.
    /// </summary>
    private static (MatchQuality? Quality, MatchQuality Ranked, List<(int Start, int Length)> Spans) Classify(string text, SearchQuery query, int fuzzyDistance)
    {
        var q = query.Folded;
        if (fuzzyDistance == 0)
        {
            if (text == q)
            {
                return (MatchQuality.Exact, MatchQuality.Exact, [(0, text.Length)]);
            }

            var at = text.IndexOf(q, StringComparison.Ordinal);
            if (at == 0)
            {
                return (MatchQuality.FieldPrefix, MatchQuality.FieldPrefix, [(0, q.Length)]);
            }

            if (at > 0)
            {
                var contiguous = TextFolding.IsWordStart(text, at) ? MatchQuality.WordStart : MatchQuality.Substring;
                return (contiguous, contiguous, [(at, q.Length)]);
            }
        }

        if (fuzzyDistance == 0 && query.TermSequence.Length > 1 && SequenceMatch(TextFolding.Terms(text).ToArray(), query.TermSequence) is { } phrase)
        {
            return phrase;
        }

        var words = TextFolding.Words(text).ToArray();

        // Not contiguous: every query word starts some word of the field (or, for typos, is close to one).
        var spans = new List<(int, int)>();
        var corrected = fuzzyDistance > 0 ? new Dictionary<string, string>(StringComparer.Ordinal) : null;
        foreach (var token in query.Tokens)
        {
            var hit = words.FirstOrDefault(w => w.Word.StartsWith(token, StringComparison.Ordinal));
            if (hit.Word is null && fuzzyDistance > 0)
            {
                hit = words.FirstOrDefault(w => TextFolding.BoundedEditDistance(token, w.Word, MaxTypos(token)) >= 0);
                if (hit.Word is not null)
                {
                    corrected![token] = hit.Word;
                }
            }

            if (hit.Word is null)
            {
                return (null, MatchQuality.Fuzzy, spans);
            }

            spans.Add((hit.Start, hit.Word.StartsWith(token, StringComparison.Ordinal) ? token.Length : hit.Word.Length));
        }

        foreach (var run in query.Runs)
        {
            var at = text.IndexOf(run, StringComparison.Ordinal);
            if (at < 0)
            {
                return (null, MatchQuality.Fuzzy, spans);
            }

            spans.Add((at, run.Length));
        }

        if (corrected is null)
        {
            return (MatchQuality.AllWords, MatchQuality.AllWords, spans);
        }

        // The typo match ranks as the query with its typos corrected would: the whole field, its start, a word start...
        var fixedQuery = query.Runs.Length == 0 ? SearchQuery.Parse(string.Join(' ', query.Sequence.Select(w => corrected.GetValueOrDefault(w, w))), query.Kinds, query.PrefixOnly) : null;
        var ranked = fixedQuery is null ? MatchQuality.AllWords : Classify(text, fixedQuery, 0).Quality ?? MatchQuality.AllWords;
        return (MatchQuality.Fuzzy, ranked, spans);
    }

    /// <summary>
    /// The query's terms in order as consecutive terms of the field, whatever separates them ("self refine" in
    /// "Self-Refine", "ties merging" in "TIES-Merging", "sft数据集" in "SFT 数据集准备"): the last term may start the
    /// field's term, and a first CJK run may end the field's (Chinese has no word boundaries). Exact when they are the
    /// whole field, a field prefix when they start it, else a word start (a substring when the first run is only the
    /// end of the field's). Null when they do not occur so.
    /// </summary>
    private static (MatchQuality?, MatchQuality, List<(int Start, int Length)>)? SequenceMatch(
        (string Text, int Start, bool IsRun)[] fieldTerms, (string Text, bool IsRun)[] sequence)
    {
        var n = sequence.Length;
        for (var start = 0; start + n <= fieldTerms.Length; start++)
        {
            var first = fieldTerms[start];
            var last = fieldTerms[start + n - 1];
            if (first.IsRun != sequence[0].IsRun || !(first.Text == sequence[0].Text || (first.IsRun && first.Text.EndsWith(sequence[0].Text, StringComparison.Ordinal)))
                || last.IsRun != sequence[n - 1].IsRun || !last.Text.StartsWith(sequence[n - 1].Text, StringComparison.Ordinal))
            {
                continue;
            }

            var middle = true;
            for (var i = 1; i < n - 1 && middle; i++)
            {
                middle = fieldTerms[start + i].Text == sequence[i].Text;
            }

            if (!middle)
            {
                continue;
            }

            var whole = first.Text == sequence[0].Text;
            var quality = !whole ? MatchQuality.Substring
                : start > 0 ? MatchQuality.WordStart
                : fieldTerms.Length == n && last.Text.Length == sequence[n - 1].Text.Length ? MatchQuality.Exact
                : MatchQuality.FieldPrefix;
            var from = first.Start + first.Text.Length - sequence[0].Text.Length;
            return (quality, quality, [(from, last.Start + sequence[n - 1].Text.Length - from)]);
        }

        return null;
    }

    /// <summary>The field's text, HTML-escaped, with each matched span inside &lt;mark&gt;…&lt;/mark&gt;.</summary>
    private static string Highlight(in IndexedField field, List<(int Start, int Length)> spans)
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

    private int[] PrefixPostings(string token)
    {
        var lo = LowerBound(token);
        var hi = lo;
        while (hi < _vocabulary.Length && _vocabulary[hi].StartsWith(token, StringComparison.Ordinal))
        {
            hi++;
        }

        if (hi - lo <= 1)
        {
            return hi == lo ? [] : _wordPostings[lo];
        }

        // A short prefix ("adap", "opt") merges the postings of every word it starts, tens of thousands of ids at
        // scale, and type-ahead sends the same prefixes over and over: the merged list is kept with the index.
        return _prefixPostings.GetOrAdd(token, () =>
        {
            var ids = new List<int>();
            for (var i = lo; i < hi; i++)
            {
                ids.AddRange(_wordPostings[i]);
            }

            return SortedDistinct(ids);
        });
    }

    private IEnumerable<(int[] FieldIds, int Distance)> FuzzyPostings(string token)
    {
        if (!SearchQuery.MayHaveTypos(token))
        {
            yield break;
        }

        var max = MaxTypos(token);
        var digits = Digits(token);
        // An edit changes a word's length by at most one and its count of digits by at most one, so only words within
        // max of both can be close. The second bound keeps a word from being compared with every number in the
        // vocabulary (hundreds of thousands at scale: ids, years, versions).
        for (var length = token.Length - max; length <= token.Length + max; length++)
        {
            for (var d = Math.Max(0, digits - max); d <= digits + max; d++)
            {
                if (!_vocabularyByShape.TryGetValue((length, d), out var wordIds))
                {
                    continue;
                }

                foreach (var w in wordIds)
                {
                    var distance = TextFolding.BoundedEditDistance(token, _vocabulary[w], max);
                    if (distance > 0)
                    {
                        yield return (_wordPostings[w], distance);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Fields whose text has every bigram of the run (or its one character). That can hold without the run itself
    /// occurring; scoring confirms the run with a substring test, so only the page's candidates pay for it.
    /// </summary>
    private int[] RunPostings(string run)
    {
        var lists = new List<int[]>();
        if (run.Length == 1)
        {
            lists.Add(_grams.GetValueOrDefault(Gram(run[0], '\0')) ?? []);
        }
        else
        {
            for (var i = 0; i + 1 < run.Length; i++)
            {
                lists.Add(_grams.GetValueOrDefault(Gram(run[i], run[i + 1])) ?? []);
            }
        }

        return Intersect(lists);
    }

    /// <summary>Intersection of ascending id lists, smallest first.</summary>
    internal static int[] Intersect(List<int[]> sets)
    {
        if (sets.Count == 0)
        {
            return [];
        }

        sets.Sort((a, b) => a.Length.CompareTo(b.Length));
        if (sets.Count == 1)
        {
            return sets[0];
        }

        // The running intersection lives in pooled buffers (it starts as large as the smallest list, tens of
        // thousands of ids for common words); only the final result, usually far smaller, is a new array.
        var pool = System.Buffers.ArrayPool<int>.Shared;
        var buffer = pool.Rent(sets[0].Length);
        var spare = pool.Rent(sets[0].Length);
        try
        {
            sets[0].CopyTo(buffer, 0);
            var count = sets[0].Length;
            for (var s = 1; s < sets.Count && count > 0; s++)
            {
                var other = sets[s];
                var kept = 0;
                int i = 0, j = 0;
                while (i < count && j < other.Length)
                {
                    if (buffer[i] == other[j])
                    {
                        spare[kept++] = buffer[i];
                        i++;
                        j++;
                    }
                    else if (buffer[i] < other[j])
                    {
                        i++;
                    }
                    else
                    {
                        // Skip ahead by binary search: a short list against a long one costs log(n) per element.
                        var found = Array.BinarySearch(other, j, other.Length - j, buffer[i]);
                        j = found >= 0 ? found : ~found;
                    }
                }

                (buffer, spare, count) = (spare, buffer, kept);
            }

            return buffer.AsSpan(0, count).ToArray();
        }
        finally
        {
            pool.Return(buffer);
            pool.Return(spare);
        }
    }

    private static int[] SortedDistinct(List<int> ids)
    {
        ids.Sort();
        var n = 0;
        for (var i = 0; i < ids.Count; i++)
        {
            if (n == 0 || ids[n - 1] != ids[i])
            {
                ids[n++] = ids[i];
            }
        }

        return ids.GetRange(0, n).ToArray();
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

    private static int Digits(string word)
    {
        var count = 0;
        foreach (var c in word)
        {
            if (char.IsAsciiDigit(c))
            {
                count++;
            }
        }

        return count;
    }

    private static int MaxTypos(string token) => token.Length >= 8 ? 2 : 1;

    /// <summary>Terms matched in different fields of a node score this fraction of the mean of their field scores.</summary>
    private const double AcrossFields = 0.9;

    /// <summary>A node matching only some of the query's units scores this fraction of a typo match, times its coverage.</summary>
    private const double Partial = 0.8;

    /// <summary>Above this many posting ids over a query's units, the partial phase is not run (see <see cref="ScanPartial"/>).</summary>
    private const int MaxPartialPostings = 200_000;

    private static double Weight(SearchField field) => field switch
    {
        SearchField.NameEn or SearchField.NameZh or SearchField.Abbreviation => 1.0,
        SearchField.Alias => 0.95,
        SearchField.Slug => 0.9,
        _ => 0.4,
    };

    private static bool IsDescription(SearchField field) => field is SearchField.DescriptionEn or SearchField.DescriptionZh;

    private static uint Gram(char a, char b) => ((uint)a << 16) | b;

    private static int Present(string? text) => string.IsNullOrWhiteSpace(text) ? 0 : 1;

    private void Add(ref int next, int order, SearchField field, string? text)
    {
        if (Present(text) == 1)
        {
            // Most text folds to itself: keep one string, not two, for each of a million fields.
            var folded = TextFolding.Fold(text!);
            if (IsDescription(field))
            {
                _descriptionBits[next >> 6] |= 1UL << (next & 63);
            }

            _fields[next++] = new IndexedField(order, field, text!, folded == text ? text! : folded);
        }
    }

    private static void AddPosting<TKey>(Dictionary<TKey, List<int>> index, TKey key, int id)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        AddId(list, id);
    }

    private static void AddId(List<int> list, int id)
    {
        if (list.Count == 0 || list[^1] != id)
        {
            list.Add(id);
        }
    }

    /// <summary>The fields a word reaches with typos allowed, and the distance of those reached only by a typo.</summary>
    private sealed record TypoReach(int[] Ids, Dictionary<int, int> Distance);

    /// <summary>What ranking needs of a node: its id (to resolve it in the current snapshot) and its tie-break key.</summary>
    private readonly record struct IndexedNode(long Id, NodeKind Kind, int Depth, string Slug);

    /// <summary>One field of a node (by its position in <see cref="_nodes"/>), as written and as folded.</summary>
    private readonly record struct IndexedField(int Node, SearchField Field, string Original, string Folded);
}
