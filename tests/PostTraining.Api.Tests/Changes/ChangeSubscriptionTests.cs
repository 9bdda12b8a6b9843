using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Api.Tests.Writes;

namespace PostTraining.Api.Tests.Changes;

/// <summary>The app on a real port with a short heartbeat and two streams per address, so the limits show quickly.</summary>
public sealed class ChangeStreamApiFactory : KestrelApiFactory
{
    public const int MaxStreams = 2;

    public ChangeStreamApiFactory()
    {
        With("Changes:Stream:HeartbeatSeconds", "0.3");
        With("Changes:Stream:MaxPerClient", MaxStreams.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>The Atom feeds and the SSE stream over real writes inside and outside the alignment subtree.</summary>
public sealed class ChangeSubscriptionTests(ChangeStreamApiFactory api) : IClassFixture<ChangeStreamApiFactory>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private HttpClient Admin()
    {
        var client = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.AdminKey);
        return client;
    }

    [Fact]
    public async Task TheAlignmentFeedHoldsExactlyTheChangesInsideItAndPagesToTheEnd()
    {
        using var client = Admin();
        await CreateAsync(client, "atom-in-top", "alignment", null);
        await CreateAsync(client, "atom-in-child", null, "dpo");
        await CreateAsync(client, "atom-out", "reasoning", null);
        await PatchAsync(client, "atom-in-top", new { year = 2024 });
        await PatchAsync(client, "atom-out", new { year = 2024 });
        await DeleteAsync(client, "atom-in-child");
        await DeleteAsync(client, "atom-out");

        var (entries, pages) = await WalkAtomAsync(client, "/api/v1/changes.atom?root=alignment&limit=200");
        var ours = entries.Where(e => e.Key is "atom-in-top" or "atom-in-child" or "atom-out").Select(e => $"{e.Operation} {e.Key}").ToList();
        // Newest first, and nothing of the technique outside.
        Assert.Equal(["delete atom-in-child", "update atom-in-top", "create atom-in-child", "create atom-in-top"], ours);
        Assert.Equal(entries.Count, entries.Select(e => e.Id).Distinct().Count());
        Assert.True(pages > 1, "the alignment subtree of the seeded data fills more than one page of 200");

        // Every change of the whole feed exactly once: the same ids as the JSON feed, paged by Atom's next links.
        var (all, _) = await WalkAtomAsync(client, "/api/v1/changes.atom?limit=200");
        var json = await JsonFeedIdsAsync(client);
        Assert.Equal(json, all.Select(e => e.Id).Reverse().ToList());

        // A one-entity feed paged one entry at a time: the update, then the create, then no next link.
        var (single, singlePages) = await WalkAtomAsync(client, "/api/v1/changes.atom?entity=technique:atom-in-top&limit=1");
        Assert.Equal(["update", "create"], single.Select(e => e.Operation));
        Assert.Equal(2, singlePages);
    }

    [Fact]
    public async Task EntriesNameTheEntityInBothLanguagesLinkAbsolutelyAndRevalidate()
    {
        using var client = Admin();
        await CreateAsync(client, "atom-named", "alignment", null);
        var response = await client.GetAsync("/api/v1/changes.atom?entity=technique:atom-named");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var entry = Assert.Single(feed.Root!.Elements(Atom + "entry"));
        var title = entry.Element(Atom + "title")!.Value;
        Assert.Contains("Technique atom-named", title, StringComparison.Ordinal);
        Assert.Contains("测试技术", title, StringComparison.Ordinal);
        Assert.Contains("created", title, StringComparison.Ordinal);
        Assert.Equal(PostTraining.Api.Http.ApiCaller.BootstrapName, entry.Element(Atom + "author")!.Element(Atom + "name")!.Value);
        var alternate = entry.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "alternate");
        Assert.Equal(new Uri(api.BaseAddress, "/api/v1/techniques/atom-named").ToString(), (string)alternate.Attribute("href")!);
        Assert.StartsWith("urn:uuid:", entry.Element(Atom + "id")!.Value, StringComparison.Ordinal);

        var etag = response.Headers.ETag!;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/v1/changes.atom?entity=technique:atom-named");
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/changes.atom?root=no-such-node", "root")]
    [InlineData("/api/v1/changes.atom?kind=techniqe", "kind")]
    [InlineData("/api/v1/changes.atom?entity=dpo", "entity")]
    [InlineData("/api/v1/changes.atom?events=renamed", "events")]
    [InlineData("/api/v1/changes.atom?before=xyz", "before")]
    [InlineData("/api/v1/changes/stream?root=no-such-node", "root")]
    [InlineData("/api/v1/changes/stream?events=created,renamed", "events")]
    [InlineData("/api/v1/changes/stream?lastEventId=-3", "lastEventId")]
    public async Task AMalformedScopeIsA400NamingTheParameter(string url, string parameter)
    {
        using var client = Admin();
        Assert.Equal([parameter], await client.GetBadParametersAsync(url));
    }

    [Fact]
    public async Task TheStreamResumesFromLastEventIdWithoutAGapThenGoesLive()
    {
        using var client = Admin();
        using var reader = new HttpClient { BaseAddress = api.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };

        var first = await SseStream.OpenAsync(reader, "/api/v1/changes/stream?root=alignment");
        await CreateAsync(client, "sse-in-1", "alignment", null);
        await CreateAsync(client, "sse-out-1", "efficiency", null);
        await CreateAsync(client, "sse-in-2", null, "rlhf");
        var seen = await first.ReadEventsAsync(2);
        Assert.Equal(["created technique sse-in-1", "created technique sse-in-2"], seen.Select(e => e.Describe()));
        Assert.True(first.Heartbeats > 0 || await first.ReadHeartbeatAsync(), "a heartbeat comment while idle");
        first.Dispose();

        // Missed while disconnected: three inside (one a move into the subtree), one outside.
        await PatchAsync(client, "sse-in-1", new { year = 2025 });
        await PatchAsync(client, "sse-out-1", new { year = 2025 });
        await PatchAsync(client, "sse-out-1", new { paradigm = "alignment" });
        await DeleteAsync(client, "sse-in-2");

        using var resume = new HttpRequestMessage(HttpMethod.Get, "/api/v1/changes/stream?root=alignment");
        resume.Headers.Add("Last-Event-ID", seen[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var second = await SseStream.OpenAsync(reader, resume);
        var missed = await second.ReadEventsAsync(3);
        Assert.Equal(["updated technique sse-in-1", "moved technique sse-out-1", "deleted technique sse-in-2"], missed.Select(e => e.Describe()));
        Assert.True(missed.Zip(missed.Skip(1)).All(p => p.First.Id < p.Second.Id));
        Assert.True(missed[0].Id > seen[^1].Id);

        await CreateAsync(client, "sse-out-2", "reasoning", null);
        await CreateAsync(client, "sse-in-3", "alignment", null);
        var live = await second.ReadEventsAsync(1);
        Assert.Equal(["created technique sse-in-3"], live.Select(e => e.Describe()));
        Assert.Equal("alignment", live[0].Data.GetProperty("after").GetProperty("paradigm").GetString());
    }

    [Fact]
    public async Task StreamsBeyondThePerAddressBoundGet429WithRetryAfter()
    {
        using var reader = new HttpClient { BaseAddress = api.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var open = new List<SseStream>();
        try
        {
            for (var i = 0; i < ChangeStreamApiFactory.MaxStreams; i++)
            {
                // Streams of the tests before this one may hold slots until the server has seen them close.
                open.Add(await OpenWhenFreeAsync(reader));
            }

            using var refused = await reader.GetAsync("/api/v1/changes/stream?kind=reference", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(refused.Headers.RetryAfter);
        }
        finally
        {
            open.ForEach(s => s.Dispose());
        }

        // Closed streams give their slots back (once the server sees the disconnect).
        using var again = await OpenWhenFreeAsync(reader);
    }

    private static async Task<SseStream> OpenWhenFreeAsync(HttpClient reader)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await SseStream.OpenAsync(reader, "/api/v1/changes/stream?kind=reference", allowRefusal: true) is { } stream)
            {
                return stream;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("no stream slot came free within 10 s");
    }

    private sealed record AtomEntry(long Id, string Operation, string Key);

    /// <summary>Follows rel=next from <paramref name="url"/> to the end, checking each page's RFC 4287 required elements.</summary>
    private static async Task<(List<AtomEntry> Entries, int Pages)> WalkAtomAsync(HttpClient client, string url)
    {
        var entries = new List<AtomEntry>();
        var pages = 0;
        string? next = url;
        while (next is not null)
        {
            var response = await client.GetAsync(next);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {next}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
            var feed = XDocument.Parse(text).Root!;
            pages++;
            Assert.Equal(Atom + "feed", feed.Name);
            AssertUri(feed.Element(Atom + "id")?.Value);
            Assert.False(string.IsNullOrWhiteSpace(feed.Element(Atom + "title")?.Value));
            Assert.True(DateTimeOffset.TryParse(feed.Element(Atom + "updated")?.Value, System.Globalization.CultureInfo.InvariantCulture, out _), "feed updated is a date-time");
            Assert.Single(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
            var feedHasAuthor = feed.Elements(Atom + "author").Any();
            foreach (var entry in feed.Elements(Atom + "entry"))
            {
                AssertUri(entry.Element(Atom + "id")?.Value);
                Assert.False(string.IsNullOrWhiteSpace(entry.Element(Atom + "title")?.Value));
                Assert.True(DateTimeOffset.TryParse(entry.Element(Atom + "updated")?.Value, System.Globalization.CultureInfo.InvariantCulture, out _), "entry updated is a date-time");
                Assert.True(feedHasAuthor || entry.Elements(Atom + "author").Any(a => a.Element(Atom + "name") is not null), "an author");
                var alternate = entry.Elements(Atom + "link").Where(l => (string?)l.Attribute("rel") == "alternate").ToList();
                Assert.NotEmpty(alternate);
                Assert.All(alternate, l => Assert.True(Uri.IsWellFormedUriString((string?)l.Attribute("href"), UriKind.Absolute)));
                var related = (string)entry.Elements(Atom + "link").Single(l => (string?)l.Attribute("rel") == "related").Attribute("href")!;
                var summary = entry.Element(Atom + "summary")!.Value;
                entries.Add(new AtomEntry(RelatedId(related), summary.Split(' ')[0], summary.Split('\'')[1]));
            }

            next = feed.Elements(Atom + "link").SingleOrDefault(l => (string?)l.Attribute("rel") == "next")?.Attribute("href")?.Value;
        }

        return (entries, pages);
    }

    /// <summary>The related link is the entry in the JSON feed, /api/v1/changes?since=(cursor of id - 1)&amp;limit=1.</summary>
    private static long RelatedId(string related)
    {
        var since = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(related).Query)["since"].ToString();
        Assert.True(PostTraining.Api.Http.Cursor.TryDecodePosition(since, "change-id", out var before), related);
        return before + 1;
    }

    private static void AssertUri(string? value) => Assert.True(Uri.IsWellFormedUriString(value, UriKind.Absolute), $"'{value}' is an IRI");

    private static async Task<List<long>> JsonFeedIdsAsync(HttpClient client)
    {
        var ids = new List<long>();
        string? url = "/api/v1/changes?limit=200";
        while (url is not null)
        {
            var page = await client.GetJsonAsync(url);
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()));
            url = page.Str("next");
        }

        return ids;
    }

    private static async Task CreateAsync(HttpClient client, string slug, string? paradigm, string? parent)
    {
        var response = await client.PostJsonAsync("/api/v1/techniques", new { slug, paradigm, parent, name = new { en = $"Technique {slug}", zh = "测试技术" } });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"creating {slug}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task PatchAsync(HttpClient client, string slug, object patch)
    {
        var url = $"/api/v1/techniques/{slug}";
        var response = await client.MergePatchAsync(url, patch, await client.ETagOfAsync(url));
        Assert.True(response.IsSuccessStatusCode, $"patching {slug}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task DeleteAsync(HttpClient client, string slug)
    {
        var url = $"/api/v1/techniques/{slug}";
        var response = await client.DeleteAsync(url, await client.ETagOfAsync(url));
        Assert.True(response.IsSuccessStatusCode, $"deleting {slug}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
