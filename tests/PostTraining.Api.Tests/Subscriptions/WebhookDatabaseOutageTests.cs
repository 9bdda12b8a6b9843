using System.Net;
using System.Text.Json;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Api.Tests.Writes;
using PostTraining.LocalPostgres;

namespace PostTraining.Api.Tests.Subscriptions;

/// <summary>
/// PostgreSQL stopped with pg_ctl while deliveries are in flight, and started again: every acknowledged change still
/// arrives, and an id arrives twice only where an attempt's outcome could not be recorded (a retry). On a cluster of
/// its own, so stopping it disturbs no other test.
/// </summary>
public sealed class WebhookDatabaseOutageTests : IAsyncLifetime
{
    private PrivateCluster _server = null!;
    private LocalPostgresCluster _cluster = null!;
    private ApiFactory _api = null!;
    private readonly WebhookReceiver _receiver = new();

    public async Task InitializeAsync()
    {
        _server = await PrivateCluster.StartAsync("posttraining-webhook-faults");
        _cluster = _server.Cluster;
        _api = new ApiFactory().UseDatabase(_cluster.ConnectionString("webhookfaults"));
        foreach (var (key, value) in WebhookSettings.Quick)
        {
            _api.With(key, value);
        }

        await _api.InitializeAsync();
        await _receiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _api.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task NoDeliveryIsLostToADatabaseOutage()
    {
        using var client = _api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", ApiFactory.AdminKey);
        var created = await client.PostJsonAsync("/api/v1/subscriptions", new { url = _receiver.Url, kind = "reference" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

        // Slow answers keep deliveries in flight when the database goes.
        _receiver.Delay = TimeSpan.FromMilliseconds(300);
        var slugs = Enumerable.Range(1, 12).Select(i => $"wh-outage-{i}").ToList();
        foreach (var slug in slugs)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/v1/references", new { slug, title = $"Outage paper {slug}", authors = new[] { "Ada Lovelace" }, year = 2024 })).StatusCode);
        }

        await _receiver.WaitForAsync(r => r.Received.Count >= 1, TimeSpan.FromSeconds(10), "the first delivery");
        await _cluster.StopAsync();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        finally
        {
            await _cluster.RestartAsync();
        }

        _receiver.Delay = TimeSpan.Zero;
        await _receiver.WaitForAsync(r => r.Accepted.Select(w => w.Change.GetProperty("key").GetString()).Distinct().Count() >= slugs.Count,
            TimeSpan.FromSeconds(60), "every reference's delivery");
        var accepted = _receiver.Accepted;
        Assert.Equal(slugs.Order(StringComparer.Ordinal), accepted.Select(w => w.Change.GetProperty("key").GetString()!).Distinct().Order(StringComparer.Ordinal));

        // Every delivery is recorded as delivered in the end; a change sent twice is a retry, which keeps its id.
        async Task<List<JsonElement>> LogAsync() => [.. (await client.GetJsonAsync($"/api/v1/subscriptions/{id}/deliveries?limit=200")).GetProperty("items").EnumerateArray()];
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var log = await LogAsync();
        while (log.Any(d => d.GetProperty("status").GetString() != "delivered") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            log = await LogAsync();
        }

        Assert.Equal(slugs.Count, log.Count);
        Assert.All(log, d => Assert.Equal("delivered", d.GetProperty("status").GetString()));
        foreach (var group in accepted.GroupBy(w => w.Id))
        {
            var keys = group.Select(w => w.Change.GetProperty("key").GetString()).Distinct().ToList();
            Assert.Single(keys);
            Assert.True(group.Count() <= 2, $"{group.Key} arrived {group.Count()} times");
        }

        Assert.Equal(slugs.Count, accepted.Select(w => w.Id).Distinct().Count());
    }
}
