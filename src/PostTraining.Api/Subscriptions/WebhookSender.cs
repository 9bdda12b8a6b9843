using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PostTraining.Api.Changes;
using PostTraining.Api.Http;

namespace PostTraining.Api.Subscriptions;

/// <summary>
/// Sends one delivery: the payload as JSON with a Content-Length, signed per Standard Webhooks, and reads what the
/// answer means: 2xx delivered, 410 ends the subscription, 429/5xx/network errors/timeouts are retried (429 and 503
/// after their Retry-After), anything else is final.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, PublicBaseUrl publicBaseUrl, TimeProvider clock)
{
    public const string ClientName = "webhooks";

    /// <summary>The delivery body: the feed entry, its url absolute when the service knows its public origin.</summary>
    public byte[] Body(long subscriptionId, string eventType, ChangeEntry entry)
    {
        var change = publicBaseUrl.Value is { } origin && entry.Url is { } url ? entry with { Url = origin + url } : entry;
        return JsonSerializer.SerializeToUtf8Bytes(new WebhookPayload("change", eventType, subscriptionId, change), WebhookJson.Context.WebhookPayload);
    }

    public async Task<DeliveryOutcome> SendAsync(string url, string secret, string webhookId, byte[] body, CancellationToken ct)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Content.Headers.ContentLength = body.Length;
        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(secret, webhookId, timestamp, body));

        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var latency = (int)watch.ElapsedMilliseconds;
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => new DeliveryOutcome(status, latency, null, Delivered: true, Gone: false, Retryable: false, null),
                (int)HttpStatusCode.Gone => new DeliveryOutcome(status, latency, "The target answered 410 Gone: the subscription ended.", false, Gone: true, false, null),
                429 or >= 500 => new DeliveryOutcome(status, latency, null, false, false, Retryable: true, RetryAfter(response)),
                _ => new DeliveryOutcome(status, latency, $"The target answered {status}; not retried (only network errors, timeouts, 429 and 5xx are).", false, false, false, null),
            };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new DeliveryOutcome(null, (int)watch.ElapsedMilliseconds, "Timed out.", false, false, Retryable: true, null);
        }
        catch (HttpRequestException e)
        {
            return new DeliveryOutcome(null, (int)watch.ElapsedMilliseconds, e.Message, false, false, Retryable: true, null);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
            _ => null,
        };
}
