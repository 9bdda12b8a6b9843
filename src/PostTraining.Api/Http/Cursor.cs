using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace PostTraining.Api.Http;

/// <summary>
/// Opaque paging cursors. A cursor holds the sort it was made for and the sort key and slug of the last item served,
/// so the next page starts after that position even if rows were added or removed in between (keyset paging).
/// </summary>
public sealed record Cursor(string Sort, string Key, string Slug)
{
    public string Encode()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new[] { Sort, Key, Slug }, CursorJson.Default.StringArray);
        return Base64Url.EncodeToString(json);
    }

    /// <summary>Decodes a cursor made for <paramref name="sort"/>; false when it is malformed or made for another sort.</summary>
    public static bool TryDecode(string? text, string sort, out Cursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        try
        {
            var bytes = Base64Url.DecodeFromChars(text);
            var parts = JsonSerializer.Deserialize(bytes, CursorJson.Default.StringArray);
            if (parts is not [var s, var key, var slug] || s != sort || key is null || slug is null)
            {
                return false;
            }

            cursor = new Cursor(s, key, slug);
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }

    /// <summary>A cursor for a position in a sequence ordered by a number (the change feed's entry id).</summary>
    public static string ForPosition(string sort, long position) =>
        new Cursor(sort, position.ToString(CultureInfo.InvariantCulture), "").Encode();

    /// <summary>Decodes a <see cref="ForPosition"/> cursor made for <paramref name="sort"/>; false when it is absent or malformed.</summary>
    public static bool TryDecodePosition(string? text, string sort, out long position)
    {
        position = 0;
        return !string.IsNullOrEmpty(text)
            && (TryDecode(text, sort, out var cursor) && cursor is { Slug: "" }
                ? long.TryParse(cursor.Key, NumberStyles.None, CultureInfo.InvariantCulture, out position)
                : TryDecodeBinaryPosition(text, out position));
    }

    /// <summary>
    /// Change-feed cursors issued before the feed used this codec: a version byte 1 and the id as a big-endian
    /// int64, base64url. Still accepted, so a client polling across the upgrade keeps its place.
    /// </summary>
    private static bool TryDecodeBinaryPosition(string text, out long position)
    {
        position = 0;
        Span<byte> bytes = stackalloc byte[12];
        if (text.Length > 16 || Base64Url.DecodeFromChars(text, bytes, out _, out var written) != OperationStatus.Done
            || written != 9 || bytes[0] != 1)
        {
            return false;
        }

        position = BinaryPrimitives.ReadInt64BigEndian(bytes[1..9]);
        return position >= 0;
    }

    public static string Describe => "Malformed cursor: pass the 'next' link of the previous page unchanged (a cursor belongs to the sort it was made with).";
}

/// <summary>A page cut from a sorted sequence after a cursor.</summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Checks <c>limit</c> (1 to 200) into <paramref name="errors"/>, beside the request's other problems; the page size.</summary>
    public static int ReadLimit(ValidationErrors errors, int? limit)
    {
        var value = limit ?? DefaultLimit;
        if (value is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"Must be between 1 and {MaxLimit}; got {value}.");
        }

        return value;
    }

    /// <summary>
    /// The absolute URL of <paramref name="path"/> from a position in a sequence numbered by id (the change feed, the
    /// subscriptions): <paramref name="parameter"/> carries the position's cursor, and a page size given carries over.
    /// </summary>
    public static string PositionUrl(HttpRequest request, string path, string parameter, string sort, long position, int? limit) =>
        AbsoluteUrl.For(request, QueryHelpers.AddQueryString(path,
            new Dictionary<string, string?> { [parameter] = Cursor.ForPosition(sort, position), ["limit"] = limit?.ToString(CultureInfo.InvariantCulture) }
                .Where(p => p.Value is not null)));

    /// <summary>
    /// Items after <paramref name="after"/> in (key, slug) order (reversed when <paramref name="descending"/>), up to
    /// <paramref name="limit"/>, and the cursor of the page's last item when more follow.
    /// </summary>
    public static (IReadOnlyList<T> Items, Cursor? Next) Page<T>(
        IReadOnlyList<(string Key, T Item, string Slug)> sortedAscending,
        bool descending,
        Func<T, bool> filter,
        string sort,
        Cursor? after,
        int limit)
    {
        var items = new List<T>(Math.Min(limit, 256));
        var count = sortedAscending.Count;
        var index = after is null ? 0 : FirstAfter(sortedAscending, after, descending);
        (string Key, T Item, string Slug) last = default;
        var more = false;
        for (; index < count; index++)
        {
            var entry = sortedAscending[descending ? count - 1 - index : index];
            if (!filter(entry.Item))
            {
                continue;
            }

            if (items.Count == limit)
            {
                more = true;
                break;
            }

            items.Add(entry.Item);
            last = entry;
        }

        return (items, more ? new Cursor(sort, last.Key!, last.Slug!) : null);
    }

    /// <summary>Index (in walking order) of the first entry strictly after the cursor: a binary search on (key, slug).</summary>
    private static int FirstAfter<T>(IReadOnlyList<(string Key, T Item, string Slug)> sorted, Cursor after, bool descending)
    {
        if (descending)
        {
            // Walking backwards, the next entry is the last one below the cursor.
            return sorted.Count - FirstAtOrAfter(sorted, after);
        }

        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var entry = sorted[mid];
            var cmp = string.CompareOrdinal(entry.Key, after.Key);
            if (cmp == 0)
            {
                cmp = string.CompareOrdinal(entry.Slug, after.Slug);
            }

            if (cmp <= 0)
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

    private static int FirstAtOrAfter<T>(IReadOnlyList<(string Key, T Item, string Slug)> sorted, Cursor after)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var entry = sorted[mid];
            var cmp = string.CompareOrdinal(entry.Key, after.Key);
            if (cmp == 0)
            {
                cmp = string.CompareOrdinal(entry.Slug, after.Slug);
            }

            if (cmp < 0)
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

    /// <summary>The absolute URL of the same request with <c>cursor</c> replaced.</summary>
    public static string NextUrl(HttpRequest request, Cursor next)
    {
        var query = new StringBuilder();
        foreach (var (name, values) in request.Query)
        {
            if (name.Equals("cursor", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var value in values)
            {
                query.Append(query.Length == 0 ? '?' : '&')
                    .Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value ?? ""));
            }
        }

        query.Append(query.Length == 0 ? '?' : '&').Append("cursor=").Append(next.Encode());
        return AbsoluteUrl.For(request, $"{request.Path}{query}");
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class CursorJson : System.Text.Json.Serialization.JsonSerializerContext;
