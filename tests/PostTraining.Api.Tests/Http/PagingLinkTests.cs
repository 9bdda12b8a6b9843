using System.Net;
using System.Text.Json;
using PostTraining.Api.Tests.Auth;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Api.Tests.Writes;

namespace PostTraining.Api.Tests.Http;

/// <summary>The app with a public origin configured, so every absolute link must start with it whatever the Host.</summary>
public sealed class PublicOriginApiFactory : ApiFactory
{
    public const string Origin = "https://api.example.org";

    // Subscriptions aimed at a closed local port, so their lists have pages (a delivery per change, failing).
    public PublicOriginApiFactory() => With("PublicBaseUrl", Origin).With("Webhooks:AllowPrivateTargets", "true");
}

/// <summary>
/// Every paged list sends an RFC 8288 <c>Link: &lt;next&gt;; rel="next"</c> header equal to its body's <c>next</c>. The
/// paged lists are read from the served OpenAPI document (a GET with a <c>limit</c> parameter whose body has
/// <c>next</c>), so a new one fails here until it is covered.
/// </summary>
public sealed class PagingLinkTests(PublicOriginApiFactory api) : IClassFixture<PublicOriginApiFactory>
{
    [Fact]
    public async Task EveryPagedListLinksItsNextPageInAHeader()
    {
        var client = api.AdminClient();
        var subscriptions = new List<long>();
        for (var i = 0; i < 2; i++)
        {
            using var created = await client.PostJsonAsync("/api/v1/subscriptions", new { url = "http://127.0.0.1:9/hook" });
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            subscriptions.Add(JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64());
        }

        await MakeSecondHistoryEntriesAsync(client);
        var deliveries = $"/api/v1/subscriptions/{subscriptions[0]}/deliveries";
        for (var wait = 0; wait < 100 && (await client.GetJsonAsync(deliveries + "?limit=200")).GetProperty("items").GetArrayLength() < 2; wait++)
        {
            await Task.Delay(200);
        }
        var relationship = (await client.GetJsonAsync("/api/v1/relationships?limit=1")).GetProperty("items")[0].GetProperty("id").GetInt64();
        var firstPages = new Dictionary<string, string>
        {
            ["/api/v1/techniques"] = "/api/v1/techniques?limit=1",
            ["/api/v1/references"] = "/api/v1/references?limit=1",
            ["/api/v1/relationships"] = "/api/v1/relationships?limit=1",
            ["/api/v1/formulas"] = "/api/v1/formulas?limit=1",
            ["/api/v1/models"] = "/api/v1/models?limit=1",
            ["/api/v1/datasets"] = "/api/v1/datasets?limit=1",
            ["/api/v1/limitations"] = "/api/v1/limitations?limit=1",
            ["/api/v1/applications"] = "/api/v1/applications?limit=1",
            ["/api/v1/changes"] = "/api/v1/changes?limit=1",
            ["/api/v1/paradigms/{slug}/history"] = "/api/v1/paradigms/alignment/history?limit=1",
            ["/api/v1/techniques/{slug}/history"] = "/api/v1/techniques/dpo/history?limit=1",
            ["/api/v1/references/{slug}/history"] = "/api/v1/references/arxiv-2503-06072/history?limit=1",
            ["/api/v1/relationships/{id}/history"] = $"/api/v1/relationships/{relationship}/history?limit=1",
            ["/api/v1/comparisons/{slug}/history"] = "/api/v1/comparisons/alignment-methods/history?limit=1",
            ["/api/v1/subscriptions"] = "/api/v1/subscriptions?limit=1",
            ["/api/v1/subscriptions/{id}/deliveries"] = deliveries + "?limit=1",
        };
        Assert.Equal((await PagedListsAsync(client)).Order(StringComparer.Ordinal), firstPages.Keys.Order(StringComparer.Ordinal));

        foreach (var (list, url) in firstPages)
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
            var next = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Str("next");
            if (next is null)
            {
                // Only a list of one item has no second page; then there is nothing to link.
                Assert.False(response.Headers.Contains("Link"), $"{list}: Link without a next page");
                var all = await client.GetJsonAsync(url.Replace("limit=1", "limit=200", StringComparison.Ordinal));
                Assert.Equal(1, all.GetProperty("items").GetArrayLength());
                continue;
            }

            Assert.StartsWith(PublicOriginApiFactory.Origin + "/api/v1/", next, StringComparison.Ordinal);
            Assert.Equal($"<{next}>; rel=\"next\"", Assert.Single(response.Headers.GetValues("Link")));
        }
    }

    [Fact]
    public async Task FollowingTheLinkHeaderAloneWalksEveryPageOnce()
    {
        var client = api.CreateClient();
        foreach (var (first, total) in new[] { ("/api/v1/techniques?limit=150", "/api/v1/techniques?limit=200"), ("/api/v1/references?format=bibtex&limit=200", null) })
        {
            var pages = 0;
            var items = 0;
            for (var url = first; url is not null; pages++)
            {
                using var response = await client.GetAsync(url);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var text = await response.Content.ReadAsStringAsync();
                items += total is null ? text.Split("\n@", StringSplitOptions.None).Length : JsonDocument.Parse(text).RootElement.GetProperty("items").GetArrayLength();
                url = response.Headers.TryGetValues("Link", out var link)
                    ? new Uri(link.Single()[1..link.Single().IndexOf('>', StringComparison.Ordinal)]).PathAndQuery
                    : null;
            }

            Assert.True(pages > 1, $"{first}: one page only");
            if (total is not null)
            {
                Assert.Equal(await CountAllAsync(client, total), items);
            }
        }
    }

    /// <summary>Paths of the GETs that page: a <c>limit</c> parameter and a 200 body with <c>next</c>.</summary>
    private static async Task<string[]> PagedListsAsync(HttpClient client)
    {
        var document = await client.GetJsonAsync("/openapi/v1.json");
        var schemas = document.GetProperty("components").GetProperty("schemas");
        JsonElement Resolve(JsonElement schema) =>
            schema.TryGetProperty("$ref", out var reference) ? schemas.GetProperty(reference.GetString()!.Split('/')[^1]) : schema;

        return document.GetProperty("paths").EnumerateObject()
            .Where(path => path.Value.TryGetProperty("get", out var get)
                && get.TryGetProperty("parameters", out var parameters)
                && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "limit")
                && get.GetProperty("responses").TryGetProperty("200", out var ok)
                && ok.TryGetProperty("content", out var content)
                && content.TryGetProperty("application/json", out var json)
                && Resolve(json.GetProperty("schema")).TryGetProperty("properties", out var members)
                && members.TryGetProperty("next", out _))
            .Select(path =>
            {
                // The document declares the header it sends, so generated clients can read it.
                var headers = path.Value.GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("headers");
                Assert.True(headers.TryGetProperty("Link", out _), $"{path.Name}: the 200 answer does not declare Link");
                return path.Name;
            })
            .ToArray();
    }

    /// <summary>Every loaded entity has one history entry (its import); a write makes the second, so histories page too.</summary>
    private static async Task MakeSecondHistoryEntriesAsync(HttpClient client)
    {
        var relationship = (await client.GetJsonAsync("/api/v1/relationships?limit=1")).GetProperty("items")[0].GetProperty("id").GetInt64();
        foreach (var url in new[] { "/api/v1/paradigms/alignment", "/api/v1/techniques/dpo", "/api/v1/references/arxiv-2503-06072", $"/api/v1/relationships/{relationship}" })
        {
            var verified = (await client.GetJsonAsync(url)).GetProperty("verified").GetBoolean();
            using var changed = await client.MergePatchAsync(url, new { verified = !verified }, await client.ETagOfAsync(url));
            Assert.True(changed.StatusCode == HttpStatusCode.OK, $"PATCH {url} answered {(int)changed.StatusCode}: {await changed.Content.ReadAsStringAsync()}");
        }

        // A comparison has no verified flag; its description is a member a curator may change.
        const string comparison = "/api/v1/comparisons/alignment-methods";
        using var described = await client.MergePatchAsync(comparison,
            new { description = new { en = "Second history entry of the paging test.", zh = "分页测试的第二条历史记录。" } },
            await client.ETagOfAsync(comparison));
        Assert.True(described.StatusCode == HttpStatusCode.OK, $"PATCH {comparison} answered {(int)described.StatusCode}: {await described.Content.ReadAsStringAsync()}");
    }

    private static async Task<int> CountAllAsync(HttpClient client, string url)
    {
        var count = 0;
        for (string? next = url; next is not null;)
        {
            var page = await client.GetJsonAsync(next);
            count += page.GetProperty("items").GetArrayLength();
            next = page.Str("next") is { } absolute ? new Uri(absolute).PathAndQuery : null;
        }

        return count;
    }
}
