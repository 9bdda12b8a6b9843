namespace PostTraining.Api.ReadModel;

/// <summary>
/// An immutable map that a patch copies cheaply: a large base dictionary shared by every snapshot patched from the one
/// that built it, plus a small overlay of the entries written or removed since. A patch copies only the overlay;
/// once the overlay passes a sixteenth of the base (at least <see cref="MinFlatten"/> entries), it is folded into a
/// new base, so lookups stay two hash probes at most and the occasional fold is paid once per thousands of writes.
/// </summary>
internal sealed class OverlayMap<TKey, TValue>
    where TKey : notnull
{
    /// <summary>The overlay size below which a patch never folds it into the base.</summary>
    public const int MinFlatten = 4096;

    private readonly Dictionary<TKey, TValue> _base;
    // An entry with Present false is a removal from the base.
    private readonly Dictionary<TKey, (bool Present, TValue Value)> _overlay;

    private OverlayMap(Dictionary<TKey, TValue> @base, Dictionary<TKey, (bool Present, TValue Value)> overlay, int count)
    {
        _base = @base;
        _overlay = overlay;
        Count = count;
    }

    public static OverlayMap<TKey, TValue> Of(Dictionary<TKey, TValue> entries) =>
        new(entries, new Dictionary<TKey, (bool, TValue)>(entries.Comparer), entries.Count);

    public int Count { get; }

    /// <summary>Entries in the overlay, for tests and the refresh log.</summary>
    public int OverlayCount => _overlay.Count;

    /// <summary>True when the base dictionary is the same object in both maps: the patch did not copy it.</summary>
    public bool SharesBaseWith(OverlayMap<TKey, TValue> other) => ReferenceEquals(_base, other._base);

    public bool TryGetValue(TKey key, out TValue value)
    {
        if (_overlay.Count > 0 && _overlay.TryGetValue(key, out var entry))
        {
            value = entry.Value;
            return entry.Present;
        }

        return _base.TryGetValue(key, out value!);
    }

    public IEnumerable<TValue> Values
    {
        get
        {
            foreach (var (key, value) in _base)
            {
                if (_overlay.Count == 0 || !_overlay.ContainsKey(key))
                {
                    yield return value;
                }
            }

            foreach (var entry in _overlay.Values)
            {
                if (entry.Present)
                {
                    yield return entry.Value;
                }
            }
        }
    }

    /// <summary>This map with <paramref name="set"/> written and <paramref name="removed"/> taken out.</summary>
    public OverlayMap<TKey, TValue> With(IEnumerable<KeyValuePair<TKey, TValue>> set, IEnumerable<TKey> removed)
    {
        var overlay = new Dictionary<TKey, (bool Present, TValue Value)>(_overlay, _overlay.Comparer);
        var count = Count;
        bool Held(TKey key) => overlay.TryGetValue(key, out var entry) ? entry.Present : _base.ContainsKey(key);
        foreach (var key in removed)
        {
            if (Held(key))
            {
                count--;
            }

            overlay[key] = (false, default!);
        }

        foreach (var (key, value) in set)
        {
            if (!Held(key))
            {
                count++;
            }

            overlay[key] = (true, value);
        }

        if (overlay.Count < Math.Max(MinFlatten, _base.Count / 16))
        {
            return new OverlayMap<TKey, TValue>(_base, overlay, count);
        }

        var flat = new Dictionary<TKey, TValue>(_base, _base.Comparer);
        foreach (var (key, entry) in overlay)
        {
            if (entry.Present)
            {
                flat[key] = entry.Value;
            }
            else
            {
                flat.Remove(key);
            }
        }

        return Of(flat);
    }
}
