using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using PostTraining.LocalPostgres;

namespace PostTraining.Bench;

/// <summary>A local webhook target (HttpListener): answers 200 at once and notes when each change's delivery arrived.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public WebhookReceiver()
    {
        Port = LocalPostgresCluster.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}/hook";

    /// <summary>Arrival (Stopwatch timestamp) of the first delivery of each entity key.</summary>
    public ConcurrentDictionary<string, long> Arrivals { get; } = new(StringComparer.Ordinal);

    public int Count => Arrivals.Count;

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Handle(context));
        }
    }

    private void Handle(HttpListenerContext context)
    {
        var at = Stopwatch.GetTimestamp();
        using (var body = JsonDocument.Parse(context.Request.InputStream))
        {
            var key = body.RootElement.GetProperty("change").GetProperty("key").GetString()!;
            Arrivals.TryAdd(key, at);
        }

        context.Response.StatusCode = 200;
        context.Response.ContentLength64 = 0;
        context.Response.Close();
    }

    public async Task WaitForAsync(Func<bool> done, TimeSpan bound, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        while (!done())
        {
            if (Stopwatch.GetElapsedTime(started) > bound)
            {
                throw new TimeoutException($"webhook deliveries did not arrive within {bound.TotalSeconds} s ({Count} arrived)");
            }

            await Task.Delay(1, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
