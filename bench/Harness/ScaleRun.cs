using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;

namespace PostTraining.Bench;

/// <summary>One endpoint at scale: wrk over many random targets of one kind.</summary>
public sealed record ScaleMeasurement(string Name, string Description, string Example, double LoadBefore, WrkResult? Result, string? Problem, double P99TargetMs);

public sealed record ScaleRunResult(
    DateTimeOffset At,
    MachineInfo Machine,
    BenchOptions Options,
    TimeSpan SeedReady,
    ReadModelLog SeedLog,
    long? SeedRss,
    TimeSpan Import,
    IReadOnlyDictionary<string, long> Counts,
    long DatabaseBytes,
    TimeSpan Ready,
    ReadModelLog Log,
    long? RssReady,
    long? RssAfterLoad,
    long? RssPeakReady,
    long? RssPeakAfterLoad,
    long? RssPeak,
    long? RssPeakSecond,
    IReadOnlyList<ScaleMeasurement> Measurements,
    PropagationResult? Propagation,
    string? PropagationProblem,
    IReadOnlyList<double> WriterPatchMs,
    IReadOnlyList<double> OtherPatchMs,
    double LoadAtStart,
    double LoadAtEnd);

/// <summary>
/// The scale benchmark: a database with the seed data plus the synthetic taxonomy (bench/Generator), then the API's
/// start-up (its snapshot build), memory, and latency of detail, search, neighbors and paths over random targets.
/// </summary>
public sealed class ScaleRun(BenchOptions options, Cleanup cleanup)
{
    // Larger than what the API's per-snapshot caches hold (16 MiB of representations, 4,096 answers or 16 MiB), so
    // most requests do the work instead of finding it cached: the latencies are those of the read model itself.
    private const int SampleSize = 20_000;
    private readonly CancellationToken _ct = cleanup.Token;

    public async Task<ScaleRunResult> RunAsync()
    {
        var at = DateTimeOffset.UtcNow;
        var loadAtStart = MachineInfo.LoadAverage();
        var machine = MachineInfo.Collect(options.RepoRoot);
        var workspace = Workspace.Create(cleanup);
        var adminKey = "bench-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        // The read model's own log lines (snapshot built in ...), if it writes any; everything else stays at Warning.
        var readModelLog = new Dictionary<string, string> { ["Logging__LogLevel__PostTraining.Api.ReadModel"] = "Information" };

        Step("1/7", "private PostgreSQL cluster");
        var cluster = await workspace.StartPostgresAsync(cleanup);
        var connectionString = cluster.ConnectionString("posttraining_scale");

        Step("2/7", "the API once on an empty database: migrations and seed data");
        TimeSpan seedReady;
        long? seedRss;
        ReadModelLog seedLog;
        {
            var seedApi = ApiProcess.Start(options, workspace, "api-seed", connectionString, adminKey, out var seedUri, readModelLog);
            await using (seedApi)
            {
                seedReady = await ApiProcess.WaitReadyAsync(seedApi, seedUri, TimeSpan.FromMinutes(3), _ct);
                seedRss = seedApi.ReadMemory("VmRSS");
            }

            seedLog = ReadModelLog.Read(seedApi.LogPath);
        }

        Console.WriteLine($"  ready after {seedReady.TotalSeconds:0.0} s, RSS {Mib(seedRss)}");

        Step("3/7", $"bench/Generator: {options.Techniques:N0} techniques, {options.References:N0} references, {options.Relationships:N0} relationships");
        var import = await RunGeneratorAsync(connectionString);
        var (counts, databaseBytes) = await CountAsync(connectionString);
        Console.WriteLine($"  import took {import.TotalSeconds:0.0} s; database {databaseBytes / 1024.0 / 1024:0} MiB");

        Step("4/7", "the API on the full database: start-up to /health/ready (snapshot build)");
        var api = cleanup.Add(ApiProcess.Start(options, workspace, "api", connectionString, adminKey, out var apiUri, readModelLog));
        var ready = await ApiProcess.WaitReadyAsync(api, apiUri, TimeSpan.FromMinutes(10), _ct);
        var rssReady = api.ReadMemory("VmRSS");
        var rssPeakReady = api.ReadMemory("VmHWM");
        var log = ReadModelLog.Read(api.LogPath);
        Console.WriteLine($"  ready after {ready.TotalSeconds:0.0} s, RSS {Mib(rssReady)}");
        foreach (var line in log.Lines)
        {
            Console.WriteLine($"  log: {line}");
        }

        Step("5/7", $"wrk -t{options.Threads} -c{options.Connections} -d{options.DurationSeconds}s over random targets, after a {options.WarmupSeconds} s warm-up");
        var targets = await WriteTargetsAsync(connectionString, workspace);
        var wrk = new Wrk(options);
        var measurements = new List<ScaleMeasurement>();
        foreach (var (name, description, file, p99Target) in targets)
        {
            var example = File.ReadLines(file).First();
            var load = MachineInfo.LoadAverage();
            var status = await ProbeAsync(apiUri, example);
            if (status != 200)
            {
                measurements.Add(new ScaleMeasurement(name, description, example, load, null, $"the API answers {status}", p99Target));
                Console.WriteLine($"  {name,-10} skipped: the API answers {status} to {example}");
                continue;
            }

            var result = await wrk.MeasureAsync(apiUri, "/", file, _ct);
            measurements.Add(new ScaleMeasurement(name, description, example, load, result, result.Problem, p99Target));
            Console.WriteLine($"  {name,-10} {result.RequestsPerSecond,8:0} req/s  p50 {result.P50Ms,8:0.00} ms  p99 {result.P99Ms,8:0.00} ms  (load {load:0.0})");
        }

        var rssAfterLoad = api.ReadMemory("VmRSS");
        var rssPeakAfterLoad = api.ReadMemory("VmHWM");

        Step("6/7", "a write, seen by a second API process (includes its snapshot refresh at this size)");
        PropagationResult? propagation = null;
        string? propagationProblem = null;
        IReadOnlyList<double> otherPatches = [];
        long? rssPeakSecond = null;
        try
        {
            var second = cleanup.Add(ApiProcess.Start(options, workspace, "api-2", connectionString, adminKey, out var secondUri, readModelLog));
            await ApiProcess.WaitReadyAsync(second, secondUri, TimeSpan.FromMinutes(10), _ct);
            var slug = File.ReadLines(targets[0].File).First().Split('/').Last();
            // A rebuild at this size takes seconds, far more on a busy machine: wait for it up to two minutes.
            propagation = await new Propagation(apiUri, secondUri, connectionString, adminKey, TimeSpan.FromMinutes(2)).MeasureAsync(slug, options.PropagationTrials, _ct);
            Console.WriteLine($"  {propagation.Method}: write acknowledged after {Stats.Ms(propagation.Median(t => t.WriteMs), "0")} ms, " +
                $"served by the writer after {Stats.Ms(propagation.Median(t => t.WriterMs), "0")} ms and by the second process after {Stats.Ms(propagation.Median(t => t.OtherMs), "0")} ms (medians; p99 {Stats.Ms(propagation.P99(t => t.OtherMs), "0")} ms)");
            rssPeakSecond = second.ReadMemory("VmHWM");
            await second.StopAsync(TimeSpan.FromSeconds(10));
            otherPatches = ReadModelLog.PatchTotals(second.LogPath);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TimeoutException)
        {
            propagationProblem = e.Message.Split('\n')[0];
            Console.WriteLine($"  not measured: {propagationProblem}");
        }

        // The high-water mark over the whole run: start-up, the load runs and the writes.
        var rssPeak = api.ReadMemory("VmHWM");
        Console.WriteLine($"  peak RSS {Mib(rssPeak)}: {Mib(rssPeakReady)} by start-up, {Mib(rssPeakAfterLoad)} by the end of the load runs (second process {Mib(rssPeakSecond)})");
        Step("7/7", "stopping");
        return new ScaleRunResult(at, machine, options, seedReady, seedLog, seedRss, import, counts, databaseBytes, ready, log,
            rssReady, rssAfterLoad, rssPeakReady, rssPeakAfterLoad, rssPeak, rssPeakSecond, measurements, propagation, propagationProblem, ReadModelLog.PatchTotals(api.LogPath), otherPatches,
            loadAtStart, MachineInfo.LoadAverage());
    }

    private static void Step(string number, string what) => Console.WriteLine($"[{number}] {what}");

    public static string Mib(long? bytes) => bytes is null ? "?" : $"{bytes / 1024.0 / 1024:0} MiB";

    /// <summary>Runs the generator with the terminal as its output, so its progress shows; returns its wall time.</summary>
    private async Task<TimeSpan> RunGeneratorAsync(string connectionString)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        foreach (var a in new[]
                 {
                     options.GeneratorDll, "--connection", connectionString,
                     "--techniques", options.Techniques.ToString(), "--references", options.References.ToString(),
                     "--relationships", options.Relationships.ToString(),
                 })
        {
            psi.ArgumentList.Add(a);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the generator.");
        try
        {
            await process.WaitForExitAsync(_ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The generator failed (exit code {process.ExitCode}).");
        }

        return watch.Elapsed;
    }

    private async Task<(Dictionary<string, long> Counts, long DatabaseBytes)> CountAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(_ct);
        var counts = new Dictionary<string, long>();
        foreach (var (name, sql) in new[]
                 {
                     ("techniques", "SELECT count(*) FROM nodes WHERE kind = 'Technique'"),
                     ("references", "SELECT count(*) FROM nodes WHERE kind = 'Reference'"),
                     ("technique-reference links", "SELECT count(*) FROM technique_references"),
                     ("relationships", "SELECT count(*) FROM relationships"),
                     ("all nodes", "SELECT count(*) FROM nodes"),
                 })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            counts[name] = (long)(await command.ExecuteScalarAsync(_ct))!;
        }

        await using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (counts, (long)(await size.ExecuteScalarAsync(_ct))!);
    }

    /// <summary>Random synthetic techniques, pairs of them and search texts made from their names, written as wrk target files for each endpoint.</summary>
    private async Task<List<(string Name, string Description, string File, double P99TargetMs)>> WriteTargetsAsync(string connectionString, Workspace workspace)
    {
        var techniques = new List<(string Slug, string NameEn, string NameZh)>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(_ct);
            await using var command = new NpgsqlCommand(
                $"SELECT slug, name_en, name_zh FROM nodes WHERE kind = 'Technique' AND slug LIKE 'syn-t-%' ORDER BY random() LIMIT {SampleSize}", connection);
            await using var reader = await command.ExecuteReaderAsync(_ct);
            while (await reader.ReadAsync(_ct))
            {
                techniques.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        if (techniques.Count < 2)
        {
            throw new InvalidOperationException("The database holds no synthetic techniques.");
        }

        string Write(string name, IEnumerable<string> lines)
        {
            var path = Path.Combine(workspace.Capture, name + ".targets");
            File.WriteAllLines(path, lines);
            return path;
        }

        var random = new Random(7);
        var slugs = techniques.Select(t => t.Slug).ToList();
        var queries = techniques.Select(t => SearchText(t.NameEn, t.NameZh, random)).Distinct().ToList();
        return
        [
            ("detail", $"`GET /api/v1/techniques/{{slug}}`, {slugs.Count:N0} random synthetic techniques",
                Write("detail", slugs.Select(s => $"/api/v1/techniques/{s}")), 5),
            ("search", $"`GET /api/v1/search?q=...`, {queries.Count:N0} distinct texts made from random synthetic names: two English words, a Chinese name's first four characters, a word's first four letters, a word with a typo, a name's number (\"policy optimization\", \"偏好优化\", \"dist\", \"prefrence\", \"alignment 4217\")",
                Write("search", queries.Select(q => "/api/v1/search?q=" + Uri.EscapeDataString(q))), 30),
            ("search (one text)", "`GET /api/v1/search?q=偏好` over and over (\"preference\": about 1 in 15 synthetic techniques match): the answer cached per snapshot",
                Write("search-hot", ["/api/v1/search?q=%E5%81%8F%E5%A5%BD"]), 30),
            ("neighbors", $"`GET /api/v1/techniques/{{slug}}/neighbors?depth=2`, {slugs.Count:N0} random synthetic techniques",
                Write("neighbors", slugs.Select(s => $"/api/v1/techniques/{s}/neighbors?depth=2")), double.NaN),
            ("paths", $"`GET /api/v1/paths?from={{a}}&to={{b}}&maxHops=4`, {slugs.Count:N0} random pairs of synthetic techniques",
                Write("paths", slugs.Select(s => $"/api/v1/paths?from={s}&to={slugs[random.Next(slugs.Count)]}&maxHops=4")), 50),
        ];
    }

    /// <summary>One search text of the kinds people type, made from a synthetic name ("Sparse Feedback Alignment 78106", "稀疏反馈对齐 78106").</summary>
    private static string SearchText(string nameEn, string nameZh, Random random)
    {
        var words = nameEn.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var word = words[random.Next(Math.Max(1, words.Length - 1))];
        var chinese = nameZh.Split(' ')[0];
        return random.Next(6) switch
        {
            0 when words.Length >= 3 => $"{words[1]} {words[2]}".ToLowerInvariant(),
            1 => chinese[..Math.Min(4, chinese.Length)],
            2 when word.Length > 4 => word[..4].ToLowerInvariant(),
            3 when word.Length > 5 => (word[..2] + word[3..]).ToLowerInvariant(),
            4 when words.Length >= 2 => $"{words[^2]} {words[^1]}".ToLowerInvariant(),
            _ => $"{words[0]} {words[^1]}".ToLowerInvariant(),
        };
    }

    private async Task<int> ProbeAsync(Uri server, string target)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(60) };
        using var response = await http.GetAsync(new Uri(target, UriKind.Relative), _ct);
        return (int)response.StatusCode;
    }
}
