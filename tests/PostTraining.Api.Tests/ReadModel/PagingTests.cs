using PostTraining.Api.Http;

namespace PostTraining.Api.Tests.ReadModel;

public sealed class PagingTests
{
    private static readonly (string Key, string Item, string Slug)[] Items =
        Enumerable.Range(0, 25).Select(i => (Key: (i / 3).ToString("D2"), Item: $"s{i:D2}", Slug: $"s{i:D2}")).ToArray();

    [Fact]
    public void CursorRoundTripsAndIsBoundToItsSort()
    {
        var cursor = new Cursor("name-en", "direct preference optimization", "dpo");
        var text = cursor.Encode();
        Assert.DoesNotContain('+', text);
        Assert.DoesNotContain('/', text);
        Assert.True(Cursor.TryDecode(text, "name-en", out var back));
        Assert.Equal(cursor, back);
        Assert.False(Cursor.TryDecode(text, "-year", out _));
    }

    [Fact]
    public void PositionCursorsShareTheCodecAndStillReadTheOldBinaryForm()
    {
        var text = Cursor.ForPosition("change-id", 42);
        Assert.True(Cursor.TryDecodePosition(text, "change-id", out var position));
        Assert.Equal(42, position);
        Assert.False(Cursor.TryDecodePosition(text, "id", out _));
        Assert.False(Cursor.TryDecodePosition(new Cursor("change-id", "dpo", "dpo").Encode(), "change-id", out _));
        Assert.False(Cursor.TryDecodePosition("", "change-id", out _));
        // Version byte 1, then 42 as a big-endian int64: what the change feed issued before.
        Assert.True(Cursor.TryDecodePosition("AQAAAAAAAAAq", "change-id", out var old));
        Assert.Equal(42, old);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("e30")] // "{}"
    [InlineData("WyJhIl0")] // ["a"]
    public void MalformedCursorsAreRejected(string text) => Assert.False(Cursor.TryDecode(text, "a", out _));

    [Theory]
    [InlineData(false, 4)]
    [InlineData(true, 4)]
    [InlineData(false, 7)]
    [InlineData(true, 25)]
    public void WalkingAllPagesGivesEveryItemOnceInOrder(bool descending, int limit)
    {
        var seen = new List<string>();
        Cursor? cursor = null;
        do
        {
            var (items, next) = Paging.Page(Items, descending, i => i != "s05", "k", cursor, limit);
            Assert.True(items.Count <= limit);
            seen.AddRange(items);
            cursor = next;
        }
        while (cursor is not null);

        var expected = Items.Select(i => i.Item).Where(i => i != "s05").ToList();
        if (descending)
        {
            expected.Reverse();
        }

        Assert.Equal(expected, seen);
    }

    [Fact]
    public void APageResumesAfterTheCursorEvenWhenItsItemIsGone()
    {
        var (_, next) = Paging.Page(Items, false, _ => true, "k", null, 5);
        Assert.Equal("s04", next!.Slug);
        var without = Items.Where(i => i.Item != "s04").ToArray();
        var (items, _) = Paging.Page(without, false, _ => true, "k", next, 2);
        Assert.Equal(["s05", "s06"], items);
    }
}
