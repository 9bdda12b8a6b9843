using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using PostTraining.LocalPostgres;

namespace PostTraining.Bench;

/// <summary>
/// The read benchmark: the API on a private PostgreSQL with the seed data, the ceiling (Kestrel serving the API's
/// own bytes from memory) and json-server (the same data exported as JSON), each endpoint measured on all three
/// back to back; then write propagation between two API processes on one database.
/// </summary>
public sealed class ReadRun(BenchOptions options, Cleanup cleanup)
{
    private readonly CancellationToken _ct = cleanup.Token;

    public async Task<ReadRunResult> RunAsync()
    {
        var at = DateTimeOffset.UtcNow;
        var loadAtStart = MachineInfo.LoadAverage();
        var machine = MachineInfo.Collect(options.RepoRoot);
        var workspace = Workspace.Create(cleanup);

        Step("1/6", "private PostgreSQL cluster");
        var cluster = await workspace.StartPostgresAsync(cleanup);
        var connectionString = cluster.ConnectionString("posttraining_bench");
        var adminKey = "bench-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

        Step("2/6", "the API (Release, Warning logging, rate limits off)");
        var api = cleanup.Add(ApiProcess.Start(options, workspace, "api", connectionString, adminKey, out var apiUri));
        var ready = await ApiProcess.WaitReadyAsync(api, apiUri, TimeSpan.FromMinutes(3), _ct);
        Console.WriteLine($"  ready at {apiUri} after {ready.TotalSeconds:0.0} s");

        Step("3/6", "capturing the API's answers for the ceiling and json-server");
        var captured = await Capture.CaptureEndpointsAsync(apiUri, _ct);
        foreach (var c in captured)
        {
            Console.WriteLine($"  {c.Endpoint.Label}: {c.Status}, {c.Body.Length} bytes");
        }

        var manifest = Capture.WriteCeilingManifest(captured, workspace.Capture);
        var db = await Capture.WriteJsonServerDatabaseAsync(apiUri, captured, workspace.Capture, _ct);
        Console.WriteLine($"  db.json: {new FileInfo(db).Length / 1024.0:0} KiB");

        Step("4/6", "the baselines");
        var ceilingUri = new Uri($"http://127.0.0.1:{LocalPostgresCluster.FreePort()}");
        var ceiling = cleanup.Add(ChildProcess.Start("ceiling", "dotnet",
            [options.CeilingDll, "--manifest", manifest, "--urls", ceilingUri.ToString().TrimEnd('/')],
            workspace.Capture, Path.Combine(workspace.Logs, "ceiling.log")));
        var jsonServerUri = new Uri($"http://127.0.0.1:{LocalPostgresCluster.FreePort()}");
        var jsonServer = cleanup.Add(ChildProcess.Start("json-server", "node",
            [options.JsonServerCli, "--host", "127.0.0.1", "--port", jsonServerUri.Port.ToString(CultureInfo.InvariantCulture),
             "--quiet", "--ro", "--id", "slug", db],
            workspace.Capture, Path.Combine(workspace.Logs, "json-server.log")));
        await WaitAnswersAsync(ceiling, ceilingUri, "/health-of-ceiling");
        await WaitAnswersAsync(jsonServer, jsonServerUri, "/taxonomy");

        var targets = new Dictionary<string, (Uri Server, Func<Endpoint, string> Target)>
        {
            [Servers.Api] = (apiUri, e => e.ApiTarget),
            [Servers.Ceiling] = (ceilingUri, e => e.ApiTarget),
            [Servers.JsonServer] = (jsonServerUri, e => e.JsonServerTarget),
        };

        Step("5/6", $"wrk -t{options.Threads} -c{options.Connections} -d{options.DurationSeconds}s after a {options.WarmupSeconds} s warm-up (and {options.WarmupSeconds * 3} s over all targets per server first)");
        var wrk = new Wrk(options);
        // Every server first serves all the targets for a while: the JIT's optimising tiers, pools and caches settle
        // before anything is measured. Without it the first endpoint measured pays for the server's own warm-up (the
        // taxonomy, measured first, came out at a third of its warm throughput on this machine).
        foreach (var server in Servers.All)
        {
            var (uri, target) = targets[server];
            var file = Path.Combine(workspace.Root, $"warmup-{server}.txt");
            await File.WriteAllLinesAsync(file, Endpoint.All.Select(target), _ct);
            await wrk.WarmUpAsync(uri, file, options.WarmupSeconds * 3, _ct);
        }

        var measurements = new List<Measurement>();
        foreach (var endpoint in Endpoint.All)
        {
            var apiAnswer = captured.Single(c => c.Endpoint == endpoint);
            foreach (var server in Servers.All)
            {
                var (uri, target) = targets[server];
                var (status, bytes) = await ProbeAsync(uri, target(endpoint), server == Servers.Ceiling ? apiAnswer.Body : null);
                var load = MachineInfo.LoadAverage();
                if (!apiAnswer.Available || status != 200)
                {
                    var problem = !apiAnswer.Available ? $"the API answers {apiAnswer.Status} here" : $"answers {status}";
                    measurements.Add(new Measurement(endpoint, server, target(endpoint), status, bytes, load, null, problem));
                    Console.WriteLine($"  {endpoint.Name,-9} {server,-12} skipped: {problem}");
                    continue;
                }

                var result = await wrk.MeasureAsync(uri, target(endpoint), null, _ct);
                measurements.Add(new Measurement(endpoint, server, target(endpoint), status, bytes, load, result, result.Problem));
                Console.WriteLine($"  {endpoint.Name,-9} {server,-12} {result.RequestsPerSecond,9:0} req/s  p50 {result.P50Ms,7:0.00} ms  p99 {result.P99Ms,7:0.00} ms  (load {load:0.0})");
            }
        }

        // The baselines are done: stop them so they do not compete with the propagation measurement.
        await ceiling.StopAsync(TimeSpan.FromSeconds(5));
        await jsonServer.StopAsync(TimeSpan.FromSeconds(5));

        Step("6/6", $"write propagation to a second API process ({options.PropagationTrials} writes)");
        PropagationResult? propagation = null;
        string? propagationProblem = null;
        try
        {
            var second = cleanup.Add(ApiProcess.Start(options, workspace, "api-2", connectionString, adminKey, out var secondUri));
            await ApiProcess.WaitReadyAsync(second, secondUri, TimeSpan.FromMinutes(3), _ct);
            propagation = await new Propagation(apiUri, secondUri, connectionString, adminKey, TimeSpan.FromSeconds(30)).MeasureAsync("dpo", options.PropagationTrials, _ct);
            Console.WriteLine($"  {propagation.Method}: second process serves the write after {Stats.Ms(propagation.Median(t => t.OtherMs), "0")} ms " +
                $"(median; max {Stats.Ms(propagation.Max(t => t.OtherMs), "0")} ms); the writer after {Stats.Ms(propagation.Median(t => t.WriterMs), "0")} ms");
            if (propagation.Note is not null)
            {
                Console.WriteLine($"  note: {propagation.Note}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TimeoutException)
        {
            propagationProblem = e.Message.Split('\n')[0];
            Console.WriteLine($"  not measured: {propagationProblem}");
        }

        return new ReadRunResult(at, machine, options, ready, measurements, propagation, propagationProblem, loadAtStart, MachineInfo.LoadAverage());
    }

    private static void Step(string number, string what) => Console.WriteLine($"[{number}] {what}");

    /// <summary>One request before the load: the status and size each server answers, and the ceiling's bytes checked.</summary>
    private async Task<(int Status, int Bytes)> ProbeAsync(Uri server, string target, byte[]? expected)
    {
        using var http = new HttpClient { BaseAddress = server };
        using var response = await http.GetAsync(new Uri(target, UriKind.Relative), _ct);
        var body = await response.Content.ReadAsByteArrayAsync(_ct);
        if (expected is not null && !body.AsSpan().SequenceEqual(expected))
        {
            throw new InvalidOperationException($"The ceiling's answer to {target} differs from the API's.");
        }

        return ((int)response.StatusCode, body.Length);
    }

    private async Task WaitAnswersAsync(ChildProcess process, Uri server, string target)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(2) };
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.Name} exited. Its log ends:\n{process.Tail()}");
            }

            try
            {
                using var _ = await http.GetAsync(new Uri(target, UriKind.Relative), _ct);
                return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!_ct.IsCancellationRequested)
            {
            }

            await Task.Delay(50, _ct);
        }

        throw new TimeoutException($"{process.Name} did not answer within 60 s. Its log ends:\n{process.Tail()}");
    }
}
