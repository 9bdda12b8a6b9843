using System.Net;
using System.Text.Json;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Api.Tests.Writes;

namespace PostTraining.Api.Tests.Subscriptions;

/// <summary>
/// What a subscriber relies on beyond the happy path: 5xx retried with growing delays, 410 ends the subscription, a
/// redelivery keeps its webhook-id, bad input is a 400 naming the member, and a key sees only its own subscriptions.
/// </summary>
public sealed class SubscriptionRulesTests : IAsyncLifetime
{
    private readonly ApiFactory _api = new();

    public async Task InitializeAsync()
    {
        foreach (var (key, value) in WebhookSettings.Quick)
        {
            _api.With(key, value);
        }

        await _api.InitializeAsync();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private HttpClient Client(string key)
    {
        var client = _api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        return client;
    }

    private static async Task<JsonElement> SubscribeAsync(HttpClient client, object body)
    {
        var response = await client.PostJsonAsync("/api/v1/subscriptions", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task CreateReferenceAsync(HttpClient client, string slug) =>
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/v1/references", new { slug, title = $"Paper {slug}", authors = new[] { "Ada Lovelace" }, year = 2024 })).StatusCode);

    [Fact]
    public async Task ServerErrorsAreRetriedWithGrowingDelaysAndARedeliveryKeepsItsId()
    {
        await using var receiver = new WebhookReceiver { Answer = n => n < 3 ? 503 : 200 };
        await receiver.StartAsync();
        using var admin = Client(ApiFactory.AdminKey);
        var subscription = await SubscribeAsync(admin, new { url = receiver.Url, entity = "reference:wh-retry" });
        var id = subscription.GetProperty("id").GetInt64();
        await CreateReferenceAsync(admin, "wh-retry");
        await receiver.WaitForAsync(r => r.Accepted.Count == 1, TimeSpan.FromSeconds(20), "the delivery after three 503s");

        var received = receiver.Received.ToList();
        Assert.Equal([503, 503, 503, 200], received.Select(r => r.AnsweredWith));
        Assert.Single(received.Select(r => r.Id).Distinct());
        // Backoff from 100 ms doubling, jittered ±25%: waits of at least 75, 150 and 300 ms (load only adds to them).
        var gaps = received.Zip(received.Skip(1), (a, b) => (b.At - a.At).TotalMilliseconds).ToList();
        var text = string.Join(", ", gaps.Select(g => $"{g:F0} ms"));
        Assert.True(gaps[0] >= 65 && gaps[1] >= 140 && gaps[2] >= 290, "retry gaps " + text);

        var log = await admin.GetJsonAsync($"/api/v1/subscriptions/{id}/deliveries");
        var delivery = Assert.Single(log.GetProperty("items").EnumerateArray());
        Assert.Equal([503, 503, 503, 200], delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()));
        Assert.Equal(received[0].Id, delivery.GetProperty("webhookId").GetString());

        var redeliver = await admin.PostAsync(delivery.GetProperty("redeliver").GetString(), null);
        Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);
        await receiver.WaitForAsync(r => r.Accepted.Count == 2, TimeSpan.FromSeconds(10), "the redelivery");
        Assert.Equal(received[0].Id, receiver.Accepted[1].Id);
    }

    [Fact]
    public async Task TooManyRequestsIsRetriedNoSoonerThanItsRetryAfter()
    {
        await using var receiver = new WebhookReceiver { Answer = n => n == 0 ? 429 : 200 };
        await receiver.StartAsync();
        using var admin = Client(ApiFactory.AdminKey);
        await SubscribeAsync(admin, new { url = receiver.Url, entity = "reference:wh-rate-limited" });
        await CreateReferenceAsync(admin, "wh-rate-limited");
        await receiver.WaitForAsync(r => r.Accepted.Count == 1, TimeSpan.FromSeconds(20), "the delivery after a 429");

        var received = receiver.Received.ToList();
        Assert.Equal([429, 200], received.Select(r => r.AnsweredWith));
        // Retry-After: 1 wins over the 100 ms backoff.
        Assert.True(received[1].At - received[0].At >= TimeSpan.FromSeconds(0.95), $"retried after {(received[1].At - received[0].At).TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task GoneEndsTheSubscription()
    {
        await using var receiver = new WebhookReceiver { Answer = _ => 410 };
        await receiver.StartAsync();
        using var admin = Client(ApiFactory.AdminKey);
        var id = (await SubscribeAsync(admin, new { url = receiver.Url, kind = "reference" })).GetProperty("id").GetInt64();
        await CreateReferenceAsync(admin, "wh-gone-1");
        await receiver.WaitForAsync(r => r.Received.Count == 1, TimeSpan.FromSeconds(10), "the delivery answered 410");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await admin.GetJsonAsync($"/api/v1/subscriptions/{id}")).GetProperty("status").GetString() != "ended")
        {
            Assert.True(DateTime.UtcNow < deadline, "the subscription did not end");
            await Task.Delay(100);
        }

        await CreateReferenceAsync(admin, "wh-gone-2");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task BadInputIsA400NamingTheMemberAndNothingIsCreated()
    {
        using var admin = Client(ApiFactory.AdminKey);
        async Task<string[]> Refused(string body)
        {
            var response = await admin.PostJsonAsync("/api/v1/subscriptions", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return [.. JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name)];
        }

        Assert.Equal(["url"], await Refused("""{"root":"alignment"}"""));
        Assert.Equal(["url"], await Refused("""{"url":"ftp://example.org/hook"}"""));
        Assert.Contains("root", await Refused("""{"url":"http://127.0.0.1:9/hook","root":"no-such-subtree"}"""));
        Assert.Contains("events", await Refused("""{"url":"http://127.0.0.1:9/hook","events":["exploded"]}"""));
        Assert.Contains("kind", await Refused("""{"url":"http://127.0.0.1:9/hook","kind":"spaceship"}"""));
        Assert.NotEmpty(await Refused("""{"url":"http://127.0.0.1:9/hook","colour":"blue"}"""));
        Assert.Equal(0, (await admin.GetJsonAsync("/api/v1/subscriptions")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task AKeySeesOnlyItsOwnSubscriptionsAndAdminSeesAll()
    {
        using var admin = Client(ApiFactory.AdminKey);
        var keyResponse = await admin.PostJsonAsync("/api/v1/keys", new { name = "wh-curator", scopes = new[] { "write" } });
        Assert.Equal(HttpStatusCode.Created, keyResponse.StatusCode);
        using var curator = Client(JsonDocument.Parse(await keyResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("secret").GetString()!);

        var mine = (await SubscribeAsync(curator, new { url = "http://127.0.0.1:9/mine" })).GetProperty("id").GetInt64();
        var theirs = (await SubscribeAsync(admin, new { url = "http://127.0.0.1:9/theirs" })).GetProperty("id").GetInt64();

        Assert.Equal(HttpStatusCode.NotFound, (await curator.GetAsync($"/api/v1/subscriptions/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await curator.DeleteAsync($"/api/v1/subscriptions/{theirs}")).StatusCode);
        Assert.Equal([mine], (await curator.GetJsonAsync("/api/v1/subscriptions")).GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetInt64()));
        Assert.Contains(mine, (await admin.GetJsonAsync("/api/v1/subscriptions")).GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetInt64()));

        Assert.Equal(HttpStatusCode.NoContent, (await curator.DeleteAsync($"/api/v1/subscriptions/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await curator.GetAsync($"/api/v1/subscriptions/{mine}")).StatusCode);
        using var anonymous = _api.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/subscriptions")).StatusCode);
    }
}
