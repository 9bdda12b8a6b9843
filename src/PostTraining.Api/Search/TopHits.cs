namespace PostTraining.Api.Search;

/// <summary>
/// The best <c>limit</c> hits so far, one per node (its best field), by score then tie-break order (kind, depth,
/// slug). Several indexes can fill one page: candidates remember their index, which compares tie-break keys.
/// </summary>
internal sealed class TopHits(int limit)
{
    private readonly List<Candidate> _hits = new(limit + 1);

    public int Count => _hits.Count;

    public bool HasRoom => _hits.Count < limit;

    public bool CouldEnter(double score, SearchIndex index, int order) =>
        _hits.Count < limit || Better(score, index, order, _hits[^1]);

    public void Offer(Candidate candidate)
    {
        var existing = _hits.FindIndex(h => h.NodeId == candidate.NodeId);
        if (existing >= 0)
        {
            if (_hits[existing].Score >= candidate.Score)
            {
                return;
            }

            _hits.RemoveAt(existing);
        }
        else if (_hits.Count == limit && !Better(candidate.Score, candidate.Index, candidate.Order, _hits[^1]))
        {
            return;
        }

        var at = _hits.FindIndex(h => Better(candidate.Score, candidate.Index, candidate.Order, h));
        _hits.Insert(at < 0 ? _hits.Count : at, candidate);
        if (_hits.Count > limit)
        {
            _hits.RemoveAt(_hits.Count - 1);
        }
    }

    public IReadOnlyList<Candidate> Ranked() => _hits;

    private static bool Better(double score, SearchIndex index, int order, Candidate than) =>
        score > than.Score || (score == than.Score && index.Precedes(order, than.Index, than.Order));
}

/// <summary>A scored field: <see cref="Order"/> is its node's position in <see cref="Index"/>, <see cref="FieldId"/> the field's.</summary>
internal sealed record Candidate(SearchIndex Index, int Order, long NodeId, double Score, int FieldId, MatchQuality Quality, List<(int Start, int Length)> Spans);
