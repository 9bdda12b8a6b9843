using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Api.Tests.Writes;

namespace PostTraining.Api.Tests.Subscriptions;

/// <summary>
/// A receiver on a real port subscribed to the alignment subtree gets exactly the changes inside it, each signed
/// with the subscription's secret (checked here as the Standard Webhooks specification says), with a Content-Length.
/// </summary>
public sealed class SubscriptionDeliveryTests : IAsyncLifetime
{
    private readonly ApiFactory _api = new();
    private readonly WebhookReceiver _receiver = new();

    public async Task InitializeAsync()
    {
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
    }

    private HttpClient Admin()
    {
        var client = _api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", ApiFactory.AdminKey);
        return client;
    }

    [Fact]
    public async Task TheSubtreesEventsArriveSignedAndNothingElse()
    {
        using var admin = Admin();
        var created = await admin.PostJsonAsync("/api/v1/subscriptions", new { url = _receiver.Url, root = "alignment" });
        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, text);
        var subscription = JsonDocument.Parse(text).RootElement;
        var secret = subscription.GetProperty("secret").GetString()!;
        var id = subscription.GetProperty("id").GetInt64();
        Assert.EndsWith($"/api/v1/subscriptions/{id}", created.Headers.Location!.ToString());

        // Inside (under alignment, below dpo) and outside (efficiency): create, patch, delete each.
        var expected = new List<(string Slug, string Operation)>();
        foreach (var (slug, paradigm, parent, inside) in new[] { ("wh-inside", "alignment", "dpo", true), ("wh-outside", "efficiency", (string?)null, false) })
        {
            var url = $"/api/v1/techniques/{slug}";
            Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync("/api/v1/techniques", new { slug, paradigm, parent, name = new { en = slug, zh = "测试" } })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.MergePatchAsync(url, new { year = 2024 }, await admin.ETagOfAsync(url))).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(url, await admin.ETagOfAsync(url))).StatusCode);
            if (inside)
            {
                expected.AddRange([(slug, "create"), (slug, "update"), (slug, "delete")]);
            }
        }

        // A last change inside: once it has arrived, every change before it has been judged (they fan out in feed order).
        var marker = "wh-marker";
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync("/api/v1/techniques", new { slug = marker, paradigm = "alignment", name = new { en = marker, zh = "标记" } })).StatusCode);
        expected.Add((marker, "create"));
        await _receiver.WaitForAsync(r => r.Accepted.Any(w => w.Change.GetProperty("key").GetString() == marker), TimeSpan.FromSeconds(20), "the marker");

        var received = _receiver.Accepted;
        Assert.Equal(expected, received.Select(w => (w.Change.GetProperty("key").GetString()!, w.Change.GetProperty("operation").GetString()!)).ToList());
        Assert.Equal(expected.Count, received.Select(w => w.Id).Distinct().Count());
        foreach (var webhook in received)
        {
            Assert.True(WebhookReceiver.SignatureIsValid(webhook, secret), $"signature of {webhook.Id} does not verify");
            Assert.Equal(webhook.Body.Length, webhook.ContentLength);
            Assert.InRange(long.Parse(webhook.Timestamp, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
            Assert.Equal("change", webhook.Json.GetProperty("type").GetString());
            Assert.Equal(id, webhook.Json.GetProperty("subscription").GetInt64());
            Assert.StartsWith("/api/v1/techniques/", webhook.Change.GetProperty("url").GetString());
        }

        Assert.Equal(["created", "updated", "deleted", "created"], received.Select(w => w.Json.GetProperty("event").GetString()!).ToArray());

        // The log shows each delivery with its attempt; GET never shows the secret. The dispatcher records an outcome
        // after the receiver has answered, so the last one may land a moment after the marker arrived.
        var log = await admin.GetJsonAsync($"/api/v1/subscriptions/{id}/deliveries");
        for (var wait = 0; wait < 50 && log.GetProperty("items").EnumerateArray().Any(d => d.GetProperty("attempts").GetArrayLength() == 0); wait++)
        {
            await Task.Delay(200);
            log = await admin.GetJsonAsync($"/api/v1/subscriptions/{id}/deliveries");
        }

        var items = log.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(expected.Count, items.Count);
        Assert.All(items, d =>
        {
            Assert.Equal("delivered", d.GetProperty("status").GetString());
            var attempt = Assert.Single(d.GetProperty("attempts").EnumerateArray());
            Assert.Equal(200, attempt.GetProperty("statusCode").GetInt32());
        });
        var shown = await admin.GetAsync($"/api/v1/subscriptions/{id}");
        var shownText = await shown.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.DoesNotContain(secret, shownText);
        Assert.DoesNotContain("secret", shownText);
        Assert.DoesNotContain(secret, await (await admin.GetAsync("/api/v1/subscriptions")).Content.ReadAsStringAsync());
    }
}
