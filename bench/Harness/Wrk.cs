using System.Diagnostics;
using System.Globalization;

namespace PostTraining.Bench;

/// <summary>One wrk measurement, parsed from the BENCH line that bench/wrk/report.lua prints.</summary>
public sealed record WrkResult(long Requests, double Seconds, long Bytes, double P50Ms, double P90Ms, double P99Ms, double MaxMs, long Errors, long Non2xx)
{
    public double RequestsPerSecond => Requests / Seconds;
    public bool Clean => Requests > 0 && Errors == 0 && Non2xx == 0;

    /// <summary>What went wrong, for the notes column; null for a clean run.</summary>
    public string? Problem => Requests == 0
        ? "no request completed during the run (each took longer than the run, or wrk's 10 s timeout)"
        : Clean ? null : $"{Errors} socket errors or timeouts, {Non2xx} non-2xx answers";
}

/// <summary>Runs wrk (the Debian package) on loopback: a warm-up that is thrown away, then the measured run.</summary>
public sealed class Wrk(BenchOptions options)
{
    public async Task<WrkResult> MeasureAsync(Uri server, string target, string? targetsFile, CancellationToken ct)
    {
        if (options.WarmupSeconds > 0)
        {
            await RunAsync(server, target, targetsFile, options.WarmupSeconds, ct);
        }

        return await RunAsync(server, target, targetsFile, options.DurationSeconds, ct);
    }

    /// <summary>Load thrown away: every target of <paramref name="targetsFile"/> at random for <paramref name="seconds"/>.</summary>
    public Task WarmUpAsync(Uri server, string targetsFile, int seconds, CancellationToken ct) =>
        RunAsync(server, "/", targetsFile, seconds, ct);

    private async Task<WrkResult> RunAsync(Uri server, string target, string? targetsFile, int seconds, CancellationToken ct)
    {
        var url = new Uri(server, target).AbsoluteUri;
        var psi = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[]
                 {
                     "-t", options.Threads.ToString(CultureInfo.InvariantCulture),
                     "-c", options.Connections.ToString(CultureInfo.InvariantCulture),
                     "-d", $"{seconds}s", "--timeout", "10s",
                     "-s", Path.Combine(options.WrkScripts, targetsFile is null ? "report.lua" : "targets.lua"),
                     url,
                 })
        {
            psi.ArgumentList.Add(a);
        }

        if (targetsFile is not null)
        {
            psi.ArgumentList.Add("--");
            psi.ArgumentList.Add(targetsFile);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start wrk.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw;
        }

        var output = await stdout;
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("BENCH ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result for {url}: {output} {await stderr}");
        var fields = line[6..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('='))
            .ToDictionary(f => f[0], f => double.Parse(f[1], CultureInfo.InvariantCulture));
        return new WrkResult(
            (long)fields["requests"], fields["seconds"], (long)fields["bytes"],
            fields["p50_us"] / 1000, fields["p90_us"] / 1000, fields["p99_us"] / 1000, fields["max_us"] / 1000,
            (long)fields["errors"], (long)fields["non2xx"]);
    }
}
