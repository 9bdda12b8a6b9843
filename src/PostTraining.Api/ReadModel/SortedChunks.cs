using System.Collections;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// An immutable list in ascending id order, held in chunks of about <see cref="ChunkSize"/> items: a patch that
/// replaces, adds or removes a few items copies only the chunks they fall in (and the small array of chunks), never
/// the million relationships around them. Index access and search by id are binary searches over the chunks.
/// </summary>
internal sealed class SortedChunks<T> : IReadOnlyList<T>
{
    public const int ChunkSize = 4096;

    private readonly T[][] _chunks;
    // _starts[i] is the list index of chunk i's first item; one more entry holds the count.
    private readonly int[] _starts;
    private readonly Func<T, long> _id;

    private SortedChunks(T[][] chunks, Func<T, long> id)
    {
        _chunks = chunks;
        _id = id;
        _starts = new int[chunks.Length + 1];
        for (var i = 0; i < chunks.Length; i++)
        {
            _starts[i + 1] = _starts[i] + chunks[i].Length;
        }
    }

    /// <summary>From items already in ascending id order.</summary>
    public static SortedChunks<T> Of(IReadOnlyList<T> sorted, Func<T, long> id)
    {
        var chunks = new T[(sorted.Count + ChunkSize - 1) / ChunkSize][];
        for (var c = 0; c < chunks.Length; c++)
        {
            var chunk = new T[Math.Min(ChunkSize, sorted.Count - (c * ChunkSize))];
            for (var i = 0; i < chunk.Length; i++)
            {
                chunk[i] = sorted[(c * ChunkSize) + i];
            }

            chunks[c] = chunk;
        }

        return new SortedChunks<T>(chunks, id);
    }

    public int Count => _starts[^1];

    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            var chunk = Array.BinarySearch(_starts, index);
            chunk = chunk >= 0 ? chunk : ~chunk - 1;
            // Equal starts (an emptied chunk) lead to the last of them; step on to the chunk that holds the index.
            while (_chunks[chunk].Length <= index - _starts[chunk])
            {
                chunk++;
            }

            return _chunks[chunk][index - _starts[chunk]];
        }
    }

    /// <summary>True when chunk <paramref name="chunk"/> is the same array in both lists: a patch did not copy it.</summary>
    public bool SharesChunk(SortedChunks<T> other, int chunk) => ReferenceEquals(_chunks[chunk], other._chunks[chunk]);

    public int ChunkCount => _chunks.Length;

    public bool TryFind(long id, out T item)
    {
        var chunk = ChunkOf(id);
        if (chunk >= 0)
        {
            var items = _chunks[chunk];
            var (low, high) = (0, items.Length - 1);
            while (low <= high)
            {
                var mid = low + ((high - low) >> 1);
                var midId = _id(items[mid]);
                if (midId == id)
                {
                    item = items[mid];
                    return true;
                }

                (low, high) = midId < id ? (mid + 1, high) : (low, mid - 1);
            }
        }

        item = default!;
        return false;
    }

    /// <summary>
    /// This list with every item whose id is in <paramref name="removed"/> taken out and <paramref name="added"/> put in
    /// its place by id (an id in both is replaced). Untouched chunks are shared.
    /// </summary>
    public SortedChunks<T> With(IReadOnlyCollection<long> removed, IReadOnlyList<T> added)
    {
        if (removed.Count == 0 && added.Count == 0)
        {
            return this;
        }

        var touched = new Dictionary<int, (HashSet<long> Removed, List<T> Added)>();
        (HashSet<long> Removed, List<T> Added) Touch(int chunk) =>
            touched.TryGetValue(chunk, out var t) ? t : touched[chunk] = ([], []);
        foreach (var id in removed)
        {
            if (ChunkOf(id) is var chunk and >= 0)
            {
                Touch(chunk).Removed.Add(id);
            }
        }

        foreach (var item in added)
        {
            // An id before every chunk goes into the first one; past the last, into the last one.
            var chunk = Math.Max(0, ChunkOf(_id(item)));
            if (_chunks.Length > 0)
            {
                Touch(chunk).Added.Add(item);
            }
        }

        if (_chunks.Length == 0)
        {
            return Of(added.OrderBy(_id).ToArray(), _id);
        }

        var chunks = new List<T[]>(_chunks.Length + 1);
        for (var c = 0; c < _chunks.Length; c++)
        {
            if (!touched.TryGetValue(c, out var change))
            {
                chunks.Add(_chunks[c]);
                continue;
            }

            var replaced = change.Added.Select(_id).ToHashSet();
            var merged = _chunks[c].Where(i => !change.Removed.Contains(_id(i)) && !replaced.Contains(_id(i)))
                .Concat(change.Added).OrderBy(_id).ToArray();
            // A chunk that grew past twice the size is split, so no chunk copy grows without bound.
            var start = 0;
            while (start < merged.Length)
            {
                var end = merged.Length - start <= 2 * ChunkSize ? merged.Length : start + ChunkSize;
                chunks.Add(merged[start..end]);
                start = end;
            }
        }

        return new SortedChunks<T>([.. chunks.Where(c => c.Length > 0)], _id);
    }

    /// <summary>The chunk whose id range holds <paramref name="id"/> (the last chunk starting at or before it), or -1.</summary>
    private int ChunkOf(long id)
    {
        var (low, high, found) = (0, _chunks.Length - 1, -1);
        while (low <= high)
        {
            var mid = low + ((high - low) >> 1);
            if (_id(_chunks[mid][0]) <= id)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return found;
    }

    public IEnumerator<T> GetEnumerator()
    {
        foreach (var chunk in _chunks)
        {
            foreach (var item in chunk)
            {
                yield return item;
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
