using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PostTraining.Api.Tests.Auth;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Data;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Tests.Changes;

public sealed class ChangeFeedTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TheFeedPagesInAscendingOrderAndPollPicksUpLaterEntries()
    {
        var client = api.ClientWithKey(null);
        // Start where the feed ends now (start-up loading has written its own entries), as a syncing tool would.
        var end = "/api/v1/changes?limit=200";
        while (true)
        {
            using var page = await (await client.GetAsync(end)).ReadJsonAsync();
            if (!page.RootElement.TryGetProperty("next", out var more))
            {
                end = page.RootElement.GetProperty("poll").GetString()!.Replace("limit=200", "limit=2", StringComparison.Ordinal);
                break;
            }

            end = more.GetString()!;
        }

        // Entries as the seed loader records them (author "import"): the feed reads whatever the table holds.
        await AppendAsync(Enumerable.Range(1, 5).Select(i => $"feed-{i}"));

        var seen = new List<string>();
        var url = end;
        string? poll = null;
        var pages = 0;
        while (url is not null)
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var page = await response.ReadJsonAsync();
            pages++;
            var items = page.RootElement.GetProperty("items").EnumerateArray().ToList();
            Assert.InRange(items.Count, 0, 2);
            seen.AddRange(items.Select(i => i.GetProperty("key").GetString()!));
            foreach (var item in items)
            {
                Assert.Equal("import", item.GetProperty("author").GetString());
                Assert.Equal("create", item.GetProperty("operation").GetString());
                Assert.Equal("technique", item.GetProperty("kind").GetString());
                Assert.Equal(JsonValueKind.Object, item.GetProperty("after").ValueKind);
                Assert.False(item.TryGetProperty("before", out _));
            }

            url = page.RootElement.TryGetProperty("next", out var next) ? next.GetString() : null;
            if (url is not null)
            {
                Assert.StartsWith("http://localhost/api/v1/changes?since=", url, StringComparison.Ordinal);
            }

            poll = page.RootElement.GetProperty("poll").GetString();
        }

        Assert.Equal(["feed-1", "feed-2", "feed-3", "feed-4", "feed-5"], seen.Where(k => k.StartsWith("feed-", StringComparison.Ordinal)));
        Assert.Equal(3, pages);

        await AppendAsync(["feed-6"]);
        using var later = await (await client.GetAsync(poll)).ReadJsonAsync();
        Assert.Equal(["feed-6"], later.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()));
        Assert.False(later.RootElement.TryGetProperty("next", out _));
    }

    [Theory]
    [InlineData("/api/v1/changes?since=garbage", "since")]
    [InlineData("/api/v1/changes?since=12", "since")]
    [InlineData("/api/v1/changes?limit=0", "limit")]
    [InlineData("/api/v1/changes?limit=201", "limit")]
    public async Task BadFeedParametersAre400NamingTheParameter(string url, string member)
    {
        var response = await api.ClientWithKey(null).GetAsync(url);
        Assert.Equal([member], await response.ErrorMembersAsync());
    }

    [Fact]
    public async Task ANonNumericLimitIs400()
    {
        var response = await api.ClientWithKey(null).GetAsync("/api/v1/changes?limit=many");
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task HistoryOfAnEntityNeverRecordedIs404AndOfARecordedOneListsItsEntries()
    {
        await AppendAsync(["history-only"]);
        var client = api.ClientWithKey(null);

        await (await client.GetAsync("/api/v1/techniques/never-was/history")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync("/api/v1/relationships/987654/history")).AssertProblemAsync(HttpStatusCode.NotFound);

        using var history = await (await client.GetAsync("/api/v1/techniques/history-only/history")).ReadJsonAsync();
        var item = Assert.Single(history.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("history-only", item.GetProperty("key").GetString());
        Assert.Equal("/api/v1/techniques/history-only", item.GetProperty("url").GetString());
    }

    private async Task AppendAsync(IEnumerable<string> slugs)
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        foreach (var slug in slugs)
        {
            db.Changes.Add(new Change
            {
                At = DateTimeOffset.UtcNow,
                Author = "import",
                Operation = "create",
                EntityKind = "technique",
                EntityKey = slug,
                After = JsonDocument.Parse($"{{\"slug\":\"{slug}\"}}"),
            });
            await db.SaveChangesAsync();
        }
    }
}
