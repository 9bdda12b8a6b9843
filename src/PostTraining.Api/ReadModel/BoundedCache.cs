using System.Collections.Concurrent;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// A cache that never holds more than <see cref="Capacity"/> entries nor more than <see cref="MaxBytes"/> bytes of them
/// (as <c>size</c> measures them): when either is reached, it starts over. Used for bodies whose keys come from
/// requests (search texts, page URLs, one entry per entity at 400k entities), where a client walking endless distinct
/// keys must not grow memory. Cheaper than LRU bookkeeping on every hit, and the entries clients repeat are back after
/// one miss each. When clients rarely repeat a key (a crawler walking every entity), caching every miss only churns
/// memory: entries live just long enough to be promoted by the GC and then die in its oldest generation. So while
/// fewer than one lookup in <see cref="ThrashingHitRate"/> hits, only one miss in <see cref="ThrottledAdmission"/> is
/// kept, enough for keys that do repeat to get in and bring the hit rate back up.
/// </summary>
public sealed class BoundedCache<T>(int capacity, long maxBytes, Func<T, long> size)
    where T : class
{
    /// <summary>Lookups per measurement of the hit rate.</summary>
    public const int Window = 4096;

    /// <summary>Below one hit in this many lookups, the cache counts as thrashing.</summary>
    public const int ThrashingHitRate = 8;

    /// <summary>While thrashing, one miss in this many is kept.</summary>
    public const int ThrottledAdmission = 8;

    private readonly ConcurrentDictionary<string, T> _entries = new(StringComparer.Ordinal);
    private long _bytes;
    private int _lookups;
    private int _hits;
    private int _misses;
    private volatile bool _throttled;

    public int Capacity => capacity;

    public long MaxBytes => maxBytes;

    public int Count => _entries.Count;

    /// <summary>The size of the entries held, as <c>size</c> measured them when they were added.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? value) => _entries.TryGetValue(key, out value);

    /// <summary>True while the hit rate is so low that most misses are not kept.</summary>
    public bool Throttled => _throttled;

    public T GetOrAdd(string key, Func<T> factory)
    {
        var hit = _entries.TryGetValue(key, out var value);
        Record(hit);
        if (hit)
        {
            return value!;
        }

        value = factory();
        if (_throttled && Interlocked.Increment(ref _misses) % ThrottledAdmission != 0)
        {
            return value;
        }

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

    private void Record(bool hit)
    {
        if (hit)
        {
            Interlocked.Increment(ref _hits);
        }

        if (Interlocked.Increment(ref _lookups) == Window)
        {
            // One thread ends the window; lookups racing with the reset only blur one window's rate.
            _throttled = Interlocked.Exchange(ref _hits, 0) * ThrashingHitRate < Window;
            Interlocked.Exchange(ref _lookups, 0);
        }
    }
}

/// <summary>A value the snapshot's bounded caches hold, with the bytes it is counted as.</summary>
public interface ICachedValue
{
    long CachedSize { get; }
}
