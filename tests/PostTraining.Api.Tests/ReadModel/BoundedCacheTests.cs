using PostTraining.Api.ReadModel;

namespace PostTraining.Api.Tests.ReadModel;

/// <summary>The snapshot's caches stay within both their entry count and their byte budget, whatever keys clients send.</summary>
public sealed class BoundedCacheTests
{
    [Fact]
    public void LargeEntriesStartTheCacheOverAtTheByteBudgetLongBeforeTheEntryCap()
    {
        var cache = new BoundedCache<byte[]>(capacity: 1_000, maxBytes: 10_000, size: b => b.Length);
        for (var i = 0; i < 100; i++)
        {
            cache.GetOrAdd($"key {i}", () => new byte[3_000]);
            Assert.True(cache.Bytes <= cache.MaxBytes, $"{cache.Bytes} bytes held after {i + 1} entries");
        }

        // 3 entries of 3,000 bytes fit in 10,000; the fourth starts it over.
        Assert.InRange(cache.Count, 1, 3);
        Assert.Equal(cache.Count * 3_000, cache.Bytes);
    }

    [Fact]
    public void SmallEntriesStartTheCacheOverAtTheEntryCap()
    {
        var cache = new BoundedCache<byte[]>(capacity: 8, maxBytes: 1 << 20, size: b => b.Length);
        for (var i = 0; i < 20; i++)
        {
            cache.GetOrAdd($"key {i}", () => new byte[1]);
            Assert.True(cache.Count <= 8);
        }

        Assert.Equal(cache.Count, cache.Bytes);
    }

    [Fact]
    public void AKeptEntryIsServedWithoutMakingItAgain()
    {
        var cache = new BoundedCache<byte[]>(capacity: 8, maxBytes: 1 << 20, size: b => b.Length);
        var first = cache.GetOrAdd("dpo", () => new byte[10]);
        Assert.Same(first, cache.GetOrAdd("dpo", () => throw new InvalidOperationException("made twice")));
        Assert.Equal(10, cache.Bytes);
    }

    [Fact]
    public void WhileAlmostEveryLookupMissesOnlyOneMissInEightIsKeptUntilHitsComeBack()
    {
        var cache = new BoundedCache<byte[]>(capacity: 100_000, maxBytes: 1L << 30, size: b => b.Length);
        // A crawler: one window of distinct keys, every lookup a miss. All are kept until the window ends.
        for (var i = 0; i < BoundedCache<byte[]>.Window; i++)
        {
            cache.GetOrAdd($"crawl {i}", () => new byte[1]);
        }

        Assert.True(cache.Throttled);
        var before = cache.Count;
        for (var i = 0; i < 800; i++)
        {
            cache.GetOrAdd($"more {i}", () => new byte[1]);
        }

        Assert.Equal(800 / BoundedCache<byte[]>.ThrottledAdmission, cache.Count - before);

        // Clients that repeat their keys again: the window's hit rate ends the throttling.
        for (var i = 0; i < BoundedCache<byte[]>.Window; i++)
        {
            cache.GetOrAdd($"crawl {i % 100}", () => new byte[1]);
        }

        Assert.False(cache.Throttled);
        cache.GetOrAdd("new", () => new byte[1]);
        Assert.Same(cache.GetOrAdd("new", () => new byte[1]), cache.GetOrAdd("new", () => throw new InvalidOperationException("made twice")));
    }
}
