using System.Net;
using System.Text.Json;
using PostTraining.Api.Tests.Auth;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Api.Tests.Writes;

namespace PostTraining.Api.Tests.Comparisons;

/// <summary>
/// Curators' writes on comparisons: a value outside its axis is a 400 naming the axis and what it allows and changes
/// nothing, a stale If-Match is a 412, the change feed records each change (the whole table before and after), and a
/// technique in a comparison is not deleted from under it.
/// </summary>
public sealed class ComparisonWriteTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Url = "/api/v1/comparisons/alignment-methods";

    private async Task<HttpClient> CuratorAsync(string name)
    {
        var (_, secret) = await api.CreateKeyAsync(name, "write");
        return api.ClientWithKey(secret);
    }

    [Fact]
    public async Task AValueTheAxisDoesNotAllowIs400NamingTheAxisAndItsValuesAndChangesNothing()
    {
        var curator = await CuratorAsync("comparison-invalid");
        var before = await curator.GetAsync(Url);
        var etag = before.Headers.ETag!.ToString();
        var comparison = JsonDocument.Parse(await before.Content.ReadAsStringAsync()).RootElement;
        var allowed = comparison.GetProperty("axes").EnumerateArray().Single(a => a.GetProperty("slug").GetString() == "reward-model")
            .GetProperty("values").EnumerateArray().Select(v => v.GetProperty("slug").GetString()!).ToArray();

        var response = await curator.PutJsonAsync($"{Url}/rows/dpo/cells/reward-model", new { printed = "Maybe", values = new[] { "maybe" } }, etag);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = (await response.ReadJsonAsync()).RootElement.GetProperty("errors");
        var message = errors.GetProperty("rows[dpo].cells[reward-model].values")[0].GetString()!;
        Assert.Contains("'reward-model'", message, StringComparison.Ordinal);
        Assert.Contains(string.Join(", ", allowed), message, StringComparison.Ordinal);

        Assert.Equal(etag, await curator.ETagOfAsync(Url));

        // A number axis takes one finite number; a text there, or one beyond double, is named the same way.
        foreach (var body in new[] { """{"printed":"three","values":["three"]}""", """{"printed":"huge","values":[1e400]}""" })
        {
            var quantization = "/api/v1/comparisons/quantization-methods";
            var number = await curator.PutJsonAsync($"{quantization}/rows/gptq/cells/weight-bits", body, await curator.ETagOfAsync(quantization));
            await number.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.True((await number.ReadJsonAsync()).RootElement.GetProperty("errors").TryGetProperty("rows[gptq].cells[weight-bits].values", out _));
        }
    }

    [Fact]
    public async Task AStaleIfMatchIs412AndNoneIs428()
    {
        var curator = await CuratorAsync("comparison-stale");
        var etag = await curator.ETagOfAsync(Url);
        var changed = await curator.PutJsonAsync($"{Url}/rows/rrhf/cells/reward-model", new { printed = "Explicit", values = new[] { "explicit" } }, etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag!.ToString());
        Assert.Equal(changed.Headers.ETag!.ToString(), await curator.ETagOfAsync(Url));

        var stale = await curator.PutJsonAsync($"{Url}/rows/rrhf/cells/reward-level", new { printed = "Token", values = new[] { "token" } }, etag);
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var none = await curator.PutJsonAsync($"{Url}/rows/rrhf/cells/reward-level", new { printed = "Token", values = new[] { "token" } }, null);
        await none.AssertProblemAsync((HttpStatusCode)428);
    }

    [Fact]
    public async Task TheChangeFeedRecordsTheTableBeforeAndAfter()
    {
        var curator = await CuratorAsync("comparison-feed");
        var etag = await curator.ETagOfAsync(Url);
        var changed = await curator.PutJsonAsync($"{Url}/rows/lipo/cells/feedback", new { printed = "Human and AI", values = new[] { "human", "ai" } }, etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        var history = await api.CreateClient().GetJsonAsync($"{Url}/history?limit=200");
        var entry = history.GetProperty("items").EnumerateArray().Last();
        Assert.Equal("update", entry.GetProperty("operation").GetString());
        Assert.Equal("comparison-feed", entry.GetProperty("author").GetString());
        Assert.Equal("comparison", entry.GetProperty("kind").GetString());
        Assert.Equal(Url, entry.GetProperty("url").GetString());
        static JsonElement Cell(JsonElement table) => table.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("technique").GetString() == "lipo")
            .GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("axis").GetString() == "feedback");
        Assert.Equal("Human", Cell(entry.GetProperty("before")).GetProperty("printed").GetString());
        Assert.Equal("Human and AI", Cell(entry.GetProperty("after")).GetProperty("printed").GetString());
        Assert.Equal(["human", "ai"], Cell(entry.GetProperty("after")).GetProperty("values").EnumerateArray().Select(v => v.GetString()));

        // The first entry is the loader's create, in the same shape.
        var created = history.GetProperty("items")[0];
        Assert.Equal("create", created.GetProperty("operation").GetString());
        Assert.Equal("import", created.GetProperty("author").GetString());
        Assert.Equal(
            entry.GetProperty("before").EnumerateObject().Select(p => p.Name),
            created.GetProperty("after").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task ACuratorBuildsAComparisonAxisByAxisAndRowByRowAndTheFilterSeesIt()
    {
        var curator = await CuratorAsync("comparison-builder");
        var created = await curator.PostJsonAsync("/api/v1/comparisons", new
        {
            slug = "test-comparison",
            name = new { en = "Test comparison", zh = "测试比较" },
            source = new { table = "A test table", reference = "arxiv-2503-06072" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.EndsWith("/api/v1/comparisons/test-comparison", created.Headers.Location!.ToString());

        var etag = created.Headers.ETag!.ToString();
        var axis = await curator.PutJsonAsync("/api/v1/comparisons/test-comparison/axes/needs-reward-model", new
        {
            printed = "RM?",
            name = new { en = "Needs a reward model", zh = "需要奖励模型" },
            type = "choice",
            values = new[] { new { slug = "yes", printed = "Y" }, new { slug = "no", printed = "N" } },
        }, etag);
        Assert.Equal(HttpStatusCode.OK, axis.StatusCode);
        var row = await curator.PutJsonAsync("/api/v1/comparisons/test-comparison/rows/dpo", new
        {
            printed = "DPO",
            reference = "arxiv-2305-18290",
            cells = new[] { new { axis = "needs-reward-model", printed = "N", values = new[] { "no" } } },
        }, axis.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, row.StatusCode);
        var detail = (await row.ReadJsonAsync()).RootElement;
        Assert.Equal("dpo", detail.GetProperty("rows")[0].GetProperty("technique").GetProperty("slug").GetString());

        var found = await api.CreateClient().GetJsonAsync("/api/v1/techniques?comparison=test-comparison&where=needs-reward-model:no");
        Assert.Equal(["dpo"], found.Slugs());

        var unknownRow = await curator.PutJsonAsync("/api/v1/comparisons/test-comparison/rows/no-such-technique", new { printed = "X" }, row.Headers.ETag!.ToString());
        await unknownRow.AssertProblemAsync(HttpStatusCode.BadRequest);
        var taken = await curator.PostJsonAsync("/api/v1/comparisons", new { slug = "test-comparison", name = new { en = "Again", zh = "再次" } });
        await taken.AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.NoContent, (await curator.DeleteAsync("/api/v1/comparisons/test-comparison", row.Headers.ETag!.ToString())).StatusCode);
        var afterDelete = await curator.PutJsonAsync("/api/v1/comparisons/test-comparison/rows/dpo", new { printed = "DPO" }, row.Headers.ETag!.ToString());
        await afterDelete.AssertProblemAsync(HttpStatusCode.Gone);
        await (await api.CreateClient().GetAsync("/api/v1/comparisons/test-comparison")).AssertProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task ATechniqueInAComparisonIsNotDeletedFromUnderIt()
    {
        var curator = await CuratorAsync("comparison-guard");
        var etag = await curator.ETagOfAsync("/api/v1/techniques/tdpo");
        var response = await curator.DeleteAsync("/api/v1/techniques/tdpo?cascade=true", etag);
        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("comparison", (await response.ReadJsonAsync()).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await api.CreateClient().GetJsonAsync("/api/v1/techniques/tdpo");
    }

    [Fact]
    public async Task FilteringByAnUnknownAxisOrValueIs400NamingWhatIsAllowed()
    {
        var client = api.CreateClient();
        var unknownValue = await client.GetAsync("/api/v1/techniques?comparison=alignment-methods&where=reference-model:maybe");
        await unknownValue.AssertProblemAsync(HttpStatusCode.BadRequest);
        var message = (await unknownValue.ReadJsonAsync()).RootElement.GetProperty("errors").GetProperty("where")[0].GetString()!;
        Assert.Contains("'maybe'", message, StringComparison.Ordinal);
        Assert.Contains("reference, free", message, StringComparison.Ordinal);

        var unknownAxis = await client.GetAsync("/api/v1/techniques?comparison=alignment-methods&where=colour:red");
        Assert.Contains("reward-model", (await unknownAxis.ReadJsonAsync()).RootElement.GetProperty("errors").GetProperty("where")[0].GetString());
        Assert.Equal(["comparison"], await client.GetBadParametersAsync("/api/v1/techniques?comparison=no-such-table"));
        Assert.Equal(["where"], await client.GetBadParametersAsync("/api/v1/techniques?where=colour:red"));
        Assert.Equal(["where"], await client.GetBadParametersAsync("/api/v1/techniques?where=reference-model"));

        var fourBitsOrFewer = await client.GetJsonAsync("/api/v1/techniques?comparison=quantization-methods&where=weight-bits:<=3&limit=200");
        Assert.Contains("gptq", fourBitsOrFewer.Slugs());
    }
}
