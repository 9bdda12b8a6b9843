using System.Diagnostics;
using System.Globalization;
using PostTraining.LocalPostgres;

namespace PostTraining.Bench;

/// <summary>Starts the API from its Release build the way the benchmark needs it: Warning logging, no rate limits.</summary>
public static class ApiProcess
{
    public static ChildProcess Start(BenchOptions options, Workspace workspace, string name, string connectionString,
        string adminKey, out Uri baseAddress, IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        var port = LocalPostgresCluster.FreePort();
        baseAddress = new Uri($"http://127.0.0.1:{port}");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = connectionString,
            ["Logging__LogLevel__Default"] = "Warning",
            ["RateLimiting__Enabled"] = "false",
            ["Auth__AdminKey"] = adminKey,
            ["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // One line per log entry, so the harness can find the read model's own timing line.
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };
        foreach (var (k, v) in extraEnvironment ?? new Dictionary<string, string>())
        {
            environment[k] = v;
        }

        return ChildProcess.Start(name, "dotnet", [options.ApiDll], Path.GetDirectoryName(options.ApiDll)!,
            Path.Combine(workspace.Logs, name + ".log"), environment);
    }

    /// <summary>Polls /health/ready until it answers 200; returns the time since the process started.</summary>
    public static async Task<TimeSpan> WaitReadyAsync(ChildProcess process, Uri baseAddress, TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            ct.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{process.Name} exited before it was ready. Its log ends:\n{process.Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), ct);
                if (response.IsSuccessStatusCode)
                {
                    return Stopwatch.GetElapsedTime(process.StartedAt);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // One slow answer while it builds its snapshot; ask again.
            }

            await Task.Delay(25, ct);
        }

        throw new TimeoutException($"{process.Name} was not ready within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s. Its log ends:\n{process.Tail()}");
    }
}
