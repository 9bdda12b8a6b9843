using System.Collections.Concurrent;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// A cache that never holds more than <see cref="Capacity"/> entries: when it is full, it starts over. Used for
/// bodies whose keys come from requests (search texts, page URLs, one entry per entity at 400k entities), where a
/// client walking endless distinct keys must not grow memory. Cheaper than LRU bookkeeping on every hit, and the
/// entries clients repeat are back after one miss each.
/// </summary>
public sealed class BoundedCache<T>(int capacity)
    where T : class
{
    private readonly ConcurrentDictionary<string, T> _entries = new(StringComparer.Ordinal);

    public int Capacity => capacity;

    public int Count => _entries.Count;

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? value) => _entries.TryGetValue(key, out value);

    public T GetOrAdd(string key, Func<T> factory)
    {
        if (_entries.TryGetValue(key, out var value))
        {
            return value;
        }

        value = factory();
        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        // A racing request may have added the same key meanwhile: serve what the cache holds, so both agree.
        return _entries.GetOrAdd(key, value);
    }
}
