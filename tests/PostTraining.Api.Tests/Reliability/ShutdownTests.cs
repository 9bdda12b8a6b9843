using System.Net;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Reliability;

public sealed class ShutdownTests
{
    [Fact]
    public async Task SigtermUnderLoadLetsInFlightRequestsFinishThenExitsCleanly()
    {
        await using var api = await ApiProcess.StartAsync(await TestPostgres.NewDatabaseAsync("shutdown"));
        using var client = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        const string Large = "/swagger/v1/swagger.json";
        var expectedLength = (await client.GetByteArrayAsync(Large)).Length;

        // A request whose answer is still being read when the signal arrives: it must complete in full.
        using var inFlight = await client.GetAsync(Large, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, inFlight.StatusCode);

        // Load from several clients while the process shuts down.
        using var stop = new CancellationTokenSource();
        var completed = 0;
        var broken = new List<string>();
        var load = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.GetAsync(Large);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode != HttpStatusCode.OK || body.Length != expectedLength)
                    {
                        lock (broken)
                        {
                            broken.Add($"{(int)response.StatusCode} with {body.Length} bytes");
                        }
                    }
                    else
                    {
                        Interlocked.Increment(ref completed);
                    }
                }
                catch (HttpRequestException)
                {
                    // Refused after the listener closed: expected once shutdown starts.
                    return;
                }
            }
        })).ToList();

        await Task.Delay(500);
        api.Terminate();

        await using var stream = await inFlight.Content.ReadAsStreamAsync();
        var buffer = new byte[4096];
        var read = 0;
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0)
        {
            read += n;
            await Task.Delay(5);
        }

        Assert.True(await api.WaitForExitAsync(TimeSpan.FromSeconds(20)), "the process did not exit after SIGTERM");
        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.Equal(expectedLength, read);
        Assert.Empty(broken);
        Assert.True(completed > 0, "no request completed under load");
        Assert.Equal(0, api.ExitCode);
    }
}
