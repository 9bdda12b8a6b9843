using System.Globalization;
using System.Net;
using System.Text.Json;

namespace PostTraining.Api.Tests.Changes;

/// <summary>One server-sent event as a client parses it (the WHATWG event-stream grammar: fields, blank line ends an event).</summary>
internal sealed record SseEvent(long Id, string Type, JsonElement Data)
{
    public string Describe() => $"{Type} {Data.GetProperty("kind").GetString()} {Data.GetProperty("key").GetString()}";
}

/// <summary>An open text/event-stream response, read block by block; comment-only blocks are counted as heartbeats.</summary>
internal sealed class SseStream : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseStream(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body);
    }

    public int Heartbeats { get; private set; }

    public static Task<SseStream> OpenAsync(HttpClient client, string url) => OpenAsync(client, new HttpRequestMessage(HttpMethod.Get, url));

    /// <summary>Null when the service refused with 429 and <paramref name="allowRefusal"/> is set.</summary>
    public static async Task<SseStream?> OpenAsync(HttpClient client, string url, bool allowRefusal)
    {
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead);
        if (allowRefusal && response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            response.Dispose();
            return null;
        }

        return await StartAsync(response);
    }

    public static async Task<SseStream> OpenAsync(HttpClient client, HttpRequestMessage request) =>
        await StartAsync(await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead));

    private static async Task<SseStream> StartAsync(HttpResponseMessage response)
    {
        // The body is read only on a refusal: a stream's body never ends.
        if (response.StatusCode != HttpStatusCode.OK)
        {
            Assert.Fail($"stream answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = new SseStream(response, await response.Content.ReadAsStreamAsync());
        // The first block (retry and ": connected") is written once the stream has its starting position.
        await stream.ReadBlockAsync();
        return stream;
    }

    /// <summary>The next <paramref name="count"/> events, skipping heartbeats; fails after 20 s without them.</summary>
    public async Task<List<SseEvent>> ReadEventsAsync(int count)
    {
        var events = new List<SseEvent>();
        while (events.Count < count)
        {
            if (await ReadBlockAsync() is { } found)
            {
                events.Add(found);
            }
        }

        return events;
    }

    /// <summary>True once a heartbeat comment arrives (before any event).</summary>
    public async Task<bool> ReadHeartbeatAsync()
    {
        var before = Heartbeats;
        while (Heartbeats == before)
        {
            if (await ReadBlockAsync() is not null)
            {
                return false;
            }
        }

        return true;
    }

    private async Task<SseEvent?> ReadBlockAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        string? id = null, type = null, data = null;
        var comments = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("the stream ended");
            if (line.Length == 0)
            {
                break;
            }

            if (line.StartsWith(':'))
            {
                comments.Add(line[1..].Trim());
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data = data is null ? value : data + "\n" + value; break;
            }
        }

        if (data is null)
        {
            Heartbeats += comments.Count(c => c == "heartbeat");
            return null;
        }

        return new SseEvent(long.Parse(id!, CultureInfo.InvariantCulture), type!, JsonDocument.Parse(data).RootElement.Clone());
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
