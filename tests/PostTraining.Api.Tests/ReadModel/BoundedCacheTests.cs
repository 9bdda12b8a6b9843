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
}
