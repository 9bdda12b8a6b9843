using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;

namespace PostTraining.Bench;

/// <summary>
/// Webhook delivery (bench/run.sh --webhooks): the latency from a write's acknowledgement to its delivery at a local
/// receiver, one write at a time, and the deliveries per second of a backlog (a subscription whose cursor is set back
/// before a batch of written changes), on one API process.
/// </summary>
public sealed class WebhookRun(BenchOptions options, Cleanup cleanup)
{
    private const int BacklogWrites = 500;
    private readonly CancellationToken _ct = cleanup.Token;

    public async Task<string> RunAsync()
    {
        var machine = MachineInfo.Collect(options.RepoRoot);
        var workspace = Workspace.Create(cleanup);
        Console.WriteLine("bench: private PostgreSQL cluster");
        var cluster = await workspace.StartPostgresAsync(cleanup);
        var connectionString = cluster.ConnectionString("posttraining_bench");
        var adminKey = "bench-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        Console.WriteLine("bench: the API (Release), webhooks to a local receiver allowed");
        var api = cleanup.Add(ApiProcess.Start(options, workspace, "api", connectionString, adminKey, out var apiUri,
            new Dictionary<string, string> { ["Webhooks__AllowPrivateTargets"] = "true" }));
        await ApiProcess.WaitReadyAsync(api, apiUri, TimeSpan.FromMinutes(3), _ct);

        await using var receiver = new WebhookReceiver();
        using var http = new HttpClient { BaseAddress = apiUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        var subscription = await PostAsync(http, "/api/v1/subscriptions", new JsonObject { ["url"] = receiver.Url, ["kind"] = "reference" });

        // Latency: one write at a time, from its acknowledgement to its arrival.
        var trials = Math.Max(options.PropagationTrials, 100);
        Console.WriteLine($"bench: latency over {trials} writes");
        var latencies = new List<double>();
        var writeMs = new List<double>();
        for (var i = 0; i < trials; i++)
        {
            var slug = $"bench-webhook-latency-{i}";
            var started = Stopwatch.GetTimestamp();
            await PostAsync(http, "/api/v1/references", Reference(slug));
            var acknowledged = Stopwatch.GetTimestamp();
            await receiver.WaitForAsync(() => receiver.Arrivals.ContainsKey(slug), TimeSpan.FromSeconds(30), _ct);
            writeMs.Add(Stopwatch.GetElapsedTime(started, acknowledged).TotalMilliseconds);
            latencies.Add(Stopwatch.GetElapsedTime(acknowledged, receiver.Arrivals[slug]).TotalMilliseconds);
        }

        // Throughput: a backlog of changes already committed, fanned out and delivered as fast as the dispatcher goes.
        Console.WriteLine($"bench: backlog of {BacklogWrites} changes");
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync(_ct);
        await using (var pause = new NpgsqlCommand("UPDATE subscriptions SET status = 'ended'", db))
        {
            await pause.ExecuteNonQueryAsync(_ct);
        }

        var mark = await ScalarAsync(db, "SELECT max(id) FROM changes");
        for (var i = 0; i < BacklogWrites; i++)
        {
            await PostAsync(http, "/api/v1/references", Reference($"bench-webhook-backlog-{i}"));
        }

        var backlog = await PostAsync(http, "/api/v1/subscriptions", new JsonObject { ["url"] = receiver.Url, ["kind"] = "reference" });
        var before = receiver.Count;
        var released = Stopwatch.GetTimestamp();
        await using (var rewind = new NpgsqlCommand($"UPDATE subscriptions SET cursor = {mark} WHERE id = {backlog["id"]}; NOTIFY posttraining_webhooks", db))
        {
            await rewind.ExecuteNonQueryAsync(_ct);
        }

        await receiver.WaitForAsync(() => receiver.Count >= before + BacklogWrites, TimeSpan.FromMinutes(5), _ct);
        var drained = receiver.Arrivals.Where(a => a.Key.StartsWith("bench-webhook-backlog-", StringComparison.Ordinal)).Max(a => a.Value);
        var seconds = Stopwatch.GetElapsedTime(released, drained).TotalSeconds;
        var perSecond = BacklogWrites / seconds;

        var date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var markdown = new StringBuilder()
            .AppendLine($"# Webhook delivery, {date}")
            .AppendLine()
            .AppendLine($"`bench/run.sh --webhooks` on {machine.Cpu} ({machine.Cores} cores), {machine.Memory}, {machine.Runtime}, commit {machine.Commit}. "
                + "One API process (Release) on a private PostgreSQL (fsync off), subscription for kind `reference`, a local HttpListener receiver answering 200 at once, default `Webhooks:*` settings.")
            .AppendLine()
            .AppendLine("| measure | value |")
            .AppendLine("| --- | --- |")
            .AppendLine($"| latency, write acknowledged to delivery received, median ({latencies.Count} writes, one at a time) | {Stats.Ms(Stats.Percentile(latencies, 50))} ms |")
            .AppendLine($"| latency, p99 | {Stats.Ms(Stats.Percentile(latencies, 99))} ms |")
            .AppendLine($"| latency, max | {Stats.Ms(latencies.Max())} ms |")
            .AppendLine($"| the write itself (POST until 201), median | {Stats.Ms(Stats.Percentile(writeMs, 50))} ms |")
            .AppendLine($"| backlog of {BacklogWrites} committed changes: fan-out and delivery, deliveries per second | {perSecond.ToString("0", CultureInfo.InvariantCulture)} /s ({seconds.ToString("0.00", CultureInfo.InvariantCulture)} s) |")
            .AppendLine()
            .AppendLine("How to read it: the writer refreshes its snapshot before it acknowledges, and fan-out waits for a snapshot that holds the change "
                + "(the subtree scope is placed through it), so the latency is the wake-up, the fan-out transaction, the claim, signing and the POST. The backlog figure is the "
                + "dispatcher alone, from releasing the backlog to the last arrival: it fans out up to 1000 changes per round and sends claims of 32 in parallel.")
            .ToString();
        Directory.CreateDirectory(options.ResultsDir);
        var path = Path.Combine(options.ResultsDir, $"{date}-webhooks.md");
        await File.WriteAllTextAsync(path, markdown, _ct);
        Console.WriteLine(markdown);
        return path;
    }

    private static JsonObject Reference(string slug) => new()
    {
        ["slug"] = slug,
        ["title"] = $"Benchmark paper {slug}",
        ["authors"] = new JsonArray("Ada Lovelace"),
        ["year"] = 2024,
    };

    private async Task<JsonNode> PostAsync(HttpClient http, string path, JsonObject body)
    {
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), _ct);
        var text = await response.Content.ReadAsStringAsync(_ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!;
    }

    private async Task<long> ScalarAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db);
        return Convert.ToInt64(await command.ExecuteScalarAsync(_ct), CultureInfo.InvariantCulture);
    }
}
