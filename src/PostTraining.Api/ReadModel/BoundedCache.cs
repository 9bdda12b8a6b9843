using System.Collections.Concurrent;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// A cache that never holds more than <see cref="Capacity"/> entries nor more than <see cref="MaxBytes"/> bytes of them
/// (as <c>size</c> measures them): when either is reached, it starts over. Used for bodies whose keys come from
/// requests (search texts, page URLs, one entry per entity at 400k entities), where a client walking endless distinct
/// keys must not grow memory. Cheaper than LRU bookkeeping on every hit, and the entries clients repeat are back after
/// one miss each.
/// </summary>
public sealed class BoundedCache<T>(int capacity, long maxBytes, Func<T, long> size)
    where T : class
{
    private readonly ConcurrentDictionary<string, T> _entries = new(StringComparer.Ordinal);
    private long _bytes;

    public int Capacity => capacity;

    public long MaxBytes => maxBytes;

    public int Count => _entries.Count;

    /// <summary>The size of the entries held, as <c>size</c> measured them when they were added.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? value) => _entries.TryGetValue(key, out value);

    public T GetOrAdd(string key, Func<T> factory)
    {
        if (_entries.TryGetValue(key, out var value))
        {
            return value;
        }

        value = factory();
        var bytes = size(value);
        if (_entries.Count >= capacity || Interlocked.Read(ref _bytes) + bytes > maxBytes)
        {
            // Racing clears may lose a few entries' bytes from the count; it only ever errs towards clearing early.
            _entries.Clear();
            Interlocked.Exchange(ref _bytes, 0);
        }

        // A racing request may have added the same key meanwhile: serve what the cache holds, so both agree.
        var held = _entries.GetOrAdd(key, value);
        if (ReferenceEquals(held, value))
        {
            Interlocked.Add(ref _bytes, bytes);
        }

        return held;
    }
}
