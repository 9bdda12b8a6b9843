using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Observability;

public sealed class ObservabilityTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string TraceId = "4bf92f3577b34da6a3ce929d0e0e4736";

    [Fact]
    public async Task EachRequestIsLoggedWithStatusDurationAndTheCallersTraceId()
    {
        var sink = new CapturingLoggerProvider();
        await using var app = api.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(sink)));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/no-such-thing");
        request.Headers.Add("traceparent", $"00-{TraceId}-00f067aa0ba902b7-01");

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var line = Assert.Single(sink.Entries, e => e.Category.EndsWith("RequestLogMiddleware", StringComparison.Ordinal)
            && Equals(e.State.GetValueOrDefault("Path"), "/api/v1/no-such-thing"));
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Equal("GET", line.State["Method"]);
        Assert.Equal(404, line.State["StatusCode"]);
        Assert.Equal(TraceId, line.State["TraceId"]);
        Assert.InRange((double)line.State["ElapsedMs"]!, 0, 60_000);
    }

    [Fact]
    public void WithoutAnOtlpEndpointNothingIsCollectedOrExported()
    {
        Assert.Null(api.Services.GetService<TracerProvider>());
        Assert.Null(api.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task WithAnOtlpEndpointTracesAndMetricsReachTheCollector()
    {
        await using var collector = await FakeCollector.StartAsync();
        await using var app = new ApiFactory()
            .With("Observability:Otlp:Endpoint", collector.Address)
            .With("Observability:Otlp:Protocol", "http/protobuf")
            .With("Observability:ServiceName", "posttraining-api-under-test");
        await app.InitializeAsync();

        const string Path = "/api/v1/no-such-thing";
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync(Path)).StatusCode);
        // The server span ends just after the client has the response, and the first exported batch may hold only
        // start-up spans: flush until a batch carries the request's path (or the deadline passes).
        var tracer = app.Services.GetRequiredService<TracerProvider>();
        var meter = app.Services.GetRequiredService<MeterProvider>();
        List<(string Path, string? ContentType, byte[] Body)> traces = [], metrics = [];
        var exported = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(30);
             DateTime.UtcNow < deadline && (!exported.Contains(Path, StringComparison.Ordinal) || metrics.Count == 0);)
        {
            Assert.True(tracer.ForceFlush(5_000));
            Assert.True(meter.ForceFlush(5_000));
            traces = collector.Received.Where(r => r.Path == "/v1/traces").ToList();
            metrics = collector.Received.Where(r => r.Path == "/v1/metrics").ToList();
            // Protobuf keeps strings as UTF-8: the resource's service name and the traced request's path are in the batch.
            exported = Encoding.UTF8.GetString(traces.SelectMany(t => t.Body).ToArray());
            await Task.Delay(50);
        }

        Assert.True(traces.Count > 0, $"no traces exported; the collector got: {string.Join(", ", collector.Received.Select(r => r.Path))}");
        Assert.True(metrics.Count > 0, $"no metrics exported; the collector got: {string.Join(", ", collector.Received.Select(r => r.Path))}");
        Assert.All(traces, t => Assert.Equal("application/x-protobuf", t.ContentType));
        Assert.Contains("posttraining-api-under-test", exported, StringComparison.Ordinal);
        Assert.Contains(Path, exported, StringComparison.Ordinal);
    }

    /// <summary>An OTLP/HTTP receiver on a loopback port that keeps what it is sent.</summary>
    private sealed class FakeCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private FakeCollector(WebApplication app) => _app = app;

        public ConcurrentQueue<(string Path, string? ContentType, byte[] Body)> Received { get; } = new();

        public string Address => _app.Urls.First();

        public static async Task<FakeCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var collector = new FakeCollector(app);
            app.MapPost("/v1/{signal}", async (HttpRequest request) =>
            {
                using var body = new MemoryStream();
                await request.Body.CopyToAsync(body);
                collector.Received.Enqueue((request.Path.Value!, request.ContentType, body.ToArray()));
                return Results.Ok();
            });
            await app.StartAsync();
            return collector;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
