using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Api.Tests.Writes;

namespace PostTraining.Api.Tests.Subscriptions;

/// <summary>
/// At least once through a crash: with the receiver down, 20 writes are acknowledged, the API process is killed and
/// started again, the receiver comes back, and all 20 arrive (ids unique, each entity's changes in order). Then two
/// API processes share the queue: each change is sent once, not once per process.
/// </summary>
public sealed class WebhookRestartTests
{
    [Fact]
    public async Task AKilledProcessLosesNoDeliveryAndTwoProcessesSendEachOnce()
    {
        var database = await TestPostgres.NewDatabaseAsync("wh");
        var receiver = new WebhookReceiver();
        var first = await ApiProcess.StartAsync(database, WebhookSettings.Environment());
        ApiProcess? restarted = null, second = null;
        try
        {
            using var client = Client(first);
            var subscription = await SubscribeAsync(client, receiver.Url);

            // Receiver down: every delivery fails to connect and waits for a retry.
            var slugs = Enumerable.Range(1, 10).Select(i => $"wh-crash-{i}").ToList();
            foreach (var slug in slugs)
            {
                Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/v1/techniques", new { slug, paradigm = "reasoning", name = new { en = slug, zh = "崩溃" } })).StatusCode);
            }

            foreach (var slug in slugs)
            {
                var url = $"/api/v1/techniques/{slug}";
                Assert.Equal(HttpStatusCode.OK, (await client.MergePatchAsync(url, new { year = 2025 }, await client.ETagOfAsync(url))).StatusCode);
            }

            first.Kill();
            restarted = await ApiProcess.StartAsync(database, WebhookSettings.Environment());
            await receiver.StartAsync();
            await receiver.WaitForAsync(r => r.Accepted.Select(w => w.Id).Distinct().Count() >= 20, TimeSpan.FromSeconds(60), "the 20 deliveries");

            var accepted = receiver.Accepted;
            Assert.Equal(20, accepted.Count);
            Assert.Equal(20, accepted.Select(w => w.Id).Distinct().Count());
            foreach (var slug in slugs)
            {
                var operations = accepted.Where(w => w.Change.GetProperty("key").GetString() == slug).Select(w => w.Change.GetProperty("operation").GetString()!).ToArray();
                Assert.Equal(["create", "update"], operations);
            }

            // Two processes on one queue: 20 more changes, written through both, each sent once.
            second = await ApiProcess.StartAsync(database, WebhookSettings.Environment());
            using var client2 = Client(second);
            using var client1 = Client(restarted);
            var before = receiver.Received.Count;
            for (var i = 0; i < 20; i++)
            {
                var slug = $"wh-pair-{i}";
                Assert.Equal(HttpStatusCode.Created, (await (i % 2 == 0 ? client1 : client2).PostJsonAsync("/api/v1/techniques", new { slug, paradigm = "reasoning", name = new { en = slug, zh = "成对" } })).StatusCode);
            }

            await receiver.WaitForAsync(r => r.Received.Count >= before + 20, TimeSpan.FromSeconds(30), "the 20 further deliveries");
            // Time for a second send of any of them to show, were there one.
            await Task.Delay(TimeSpan.FromSeconds(2));
            var pair = receiver.Received.Skip(before).ToList();
            Assert.Equal(20, pair.Count);
            Assert.Equal(20, pair.Select(w => w.Id).Distinct().Count());
            Assert.All(pair, w => Assert.StartsWith("wh-pair-", w.Change.GetProperty("key").GetString()));

            var log = await client1.GetJsonAsync($"/api/v1/subscriptions/{subscription}/deliveries?limit=200");
            Assert.Equal(40, log.GetProperty("items").GetArrayLength());
            Assert.All(log.GetProperty("items").EnumerateArray(), d => Assert.Equal("delivered", d.GetProperty("status").GetString()));
        }
        finally
        {
            await receiver.DisposeAsync();
            await first.DisposeAsync();
            if (restarted is not null)
            {
                await restarted.DisposeAsync();
            }

            if (second is not null)
            {
                await second.DisposeAsync();
            }
        }
    }

    private static HttpClient Client(ApiProcess api)
    {
        var client = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", ApiFactory.AdminKey);
        return client;
    }

    private static async Task<long> SubscribeAsync(HttpClient client, string url)
    {
        var response = await client.PostJsonAsync("/api/v1/subscriptions", new { url, kind = "technique" });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }
}
