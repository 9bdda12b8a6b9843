using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PostTraining.Api.ReadModel;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Observability;

/// <summary>
/// The service's own counters on the PostTraining.Api meter. The meter is static and other test classes run at the
/// same time, so only measurements made in this test's own async flow (marked with an AsyncLocal) are counted.
/// </summary>
public sealed class CounterTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly AsyncLocal<bool> Mine = new();

    [Fact]
    public async Task ARefreshCountsARebuildAndReadsOfCachedBodiesCountAsHits()
    {
        // The in-memory server runs requests in the caller's execution context only when asked to.
        api.Server.PreserveExecutionContext = true;
        using var counts = new Counts();
        Mine.Value = true;

        await api.Services.GetRequiredService<ISnapshotRefresher>().RefreshAsync();
        Assert.Equal(1, counts.Of("posttraining.snapshot.rebuilds", null));

        var client = api.CreateClient();
        var first = await client.GetAsync(new Uri("/api/v1/paradigms", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, counts.Of("posttraining.cache.hits", "body"));

        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/paradigms");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
        Assert.Equal(1, counts.Of("posttraining.cache.hits", "not_modified"));

        // A one-off body (a BibTeX list page is built per request) is not a cache hit.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/references?format=bibtex", UriKind.Relative))).StatusCode);
        Assert.Equal(1, counts.Of("posttraining.cache.hits", "body"));
    }

    /// <summary>Sums this flow's measurements per instrument and outcome tag.</summary>
    private sealed class Counts : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<(string, string?), long> _sums = [];

        public Counts()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "PostTraining.Api")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                if (!Mine.Value)
                {
                    return;
                }

                string? outcome = null;
                foreach (var tag in tags)
                {
                    if (tag.Key == "outcome")
                    {
                        outcome = tag.Value as string;
                    }
                }

                lock (_sums)
                {
                    _sums[(instrument.Name, outcome)] = _sums.GetValueOrDefault((instrument.Name, outcome)) + value;
                }
            });
            _listener.Start();
        }

        public long Of(string instrument, string? outcome)
        {
            lock (_sums)
            {
                return _sums.GetValueOrDefault((instrument, outcome));
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
