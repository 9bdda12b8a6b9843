using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PostTraining.LocalPostgres;

namespace PostTraining.Api.Tests.Subscriptions;

/// <summary>One request the receiver got: the three Standard Webhooks headers, the body, and whether it was answered 2xx.</summary>
public sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, byte[] Body, long? ContentLength, int AnsweredWith, DateTime At)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    public JsonElement Change => Json.GetProperty("change");
}

/// <summary>
/// A webhook target on a real port (Kestrel), as a subscriber runs one: records every request and answers what
/// <see cref="Answer"/> says (200 unless told). It can be stopped and started again on the same port.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication? _app;

    public WebhookReceiver(int? port = null) => Port = port ?? LocalPostgresCluster.FreePort();

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}/hook";
    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>The status to answer a request with (given how many came before it).</summary>
    public Func<int, int> Answer { get; set; } = _ => 200;

    /// <summary>How long each request takes to answer, to keep deliveries in flight.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>Requests answered 2xx, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Accepted => [.. Received.Where(r => r.AnsweredWith is >= 200 and < 300)];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        var app = builder.Build();
        var count = 0;
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay);
            }

            var status = Answer(Interlocked.Increment(ref count) - 1);
            var headers = context.Request.Headers;
            Received.Enqueue(new ReceivedWebhook(headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(), headers["webhook-signature"].ToString(),
                buffer.ToArray(), context.Request.ContentLength, status, DateTime.UtcNow));
            if (status == 429)
            {
                // As a rate-limited target answers: come back in a second.
                context.Response.Headers.RetryAfter = "1";
            }

            return Results.StatusCode(status);
        });
        await app.StartAsync();
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Waits until <paramref name="done"/> holds of what was received, or fails after <paramref name="within"/>.</summary>
    public async Task WaitForAsync(Func<WebhookReceiver, bool> done, TimeSpan within, string what)
    {
        var deadline = DateTime.UtcNow + within;
        while (!done(this))
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}; received {Received.Count}: "
                + string.Join(", ", Received.Select(r => $"{r.Id}={r.AnsweredWith}")));
            await Task.Delay(50);
        }
    }

    /// <summary>Checks a signature the way the Standard Webhooks specification tells a receiver to, independently of the service's code.</summary>
    public static bool SignatureIsValid(ReceivedWebhook webhook, string secret)
    {
        Assert.StartsWith("whsec_", secret);
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var signed = Encoding.UTF8.GetBytes($"{webhook.Id}.{webhook.Timestamp}.").Concat(webhook.Body).ToArray();
        var expected = Convert.ToBase64String(HMACSHA256.HashData(key, signed));
        // The header may hold several space-separated signatures; one must match.
        return webhook.Signature.Split(' ').Any(s => s.StartsWith("v1,", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s[3..]), Encoding.ASCII.GetBytes(expected)));
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
