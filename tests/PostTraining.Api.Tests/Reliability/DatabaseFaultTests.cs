using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.LocalPostgres;

namespace PostTraining.Api.Tests.Reliability;

/// <summary>
/// The database stopped and started with pg_ctl while the API serves: reads go on from the snapshot, writes answer
/// 503 with Retry-After quickly, readiness reports the database, and the API recovers by itself; nothing
/// acknowledged is lost. Runs on a PostgreSQL cluster of its own, so stopping it disturbs no other test.
/// </summary>
public sealed class DatabaseFaultTests : IAsyncLifetime
{
    private PrivateCluster _server = null!;
    private LocalPostgresCluster _cluster = null!;
    private ApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        _server = await PrivateCluster.StartAsync("posttraining-faults");
        _cluster = _server.Cluster;
        _api = new ApiFactory().UseDatabase(_cluster.ConnectionString("faults"));
        await _api.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task AnOutageIsSurvivedAndNothingAcknowledgedIsLost()
    {
        using var client = _api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", ApiFactory.AdminKey);

        // Acknowledged before the outage.
        var before = await client.PostAsJsonAsync("/api/v1/references", Reference("fault-before-outage"));
        Assert.Equal(HttpStatusCode.Created, before.StatusCode);

        await _cluster.StopAsync();
        try
        {
            // Reads keep answering from the snapshot, the write just acknowledged included.
            foreach (var url in new[] { "/api/v1/techniques/dpo", "/api/v1/search?q=偏好优化", "/api/v1/taxonomy", "/api/v1/references/fault-before-outage" })
            {
                using var read = await client.GetAsync(url);
                Assert.True(read.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)read.StatusCode} during the outage");
            }

            // Readiness: still able to serve reads (200), the database reported unhealthy in the body.
            using var ready = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            using (var health = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()))
            {
                Assert.Equal("Unhealthy", health.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
            }

            // Writes: 503 problem+json with Retry-After, within 5 s, never a 500.
            var watch = Stopwatch.StartNew();
            using var write = await client.PostAsJsonAsync("/api/v1/references", Reference("fault-during-outage"));
            watch.Stop();
            Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);
            Assert.Equal("application/problem+json", write.Content.Headers.ContentType?.MediaType);
            Assert.NotNull(write.Headers.RetryAfter);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the 503 took {watch.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            await _cluster.RestartAsync();
        }

        // Recovery without a restart of the API: a write succeeds within seconds.
        var recovered = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var retry = await client.PostAsJsonAsync("/api/v1/references", Reference("fault-after-outage"));
            status = retry.StatusCode;
            if (status != HttpStatusCode.Created)
            {
                await Task.Delay(250);
            }
        }
        while (status != HttpStatusCode.Created && recovered.Elapsed < TimeSpan.FromSeconds(20));
        Assert.Equal(HttpStatusCode.Created, status);

        using var readyAgain = await client.GetAsync("/health/ready");
        using (var health = JsonDocument.Parse(await readyAgain.Content.ReadAsStringAsync()))
        {
            Assert.Equal("Healthy", health.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        }

        // Nothing acknowledged was lost, and the refused write did not half-happen.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/references/fault-before-outage")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/references/fault-after-outage")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/references/fault-during-outage")).StatusCode);
    }

    private static object Reference(string slug) => new
    {
        slug,
        title = $"A paper written during fault injection ({slug})",
        authors = new[] { "Ada Lovelace" },
        year = 2024,
    };
}
