using System.Globalization;
using System.Text;

namespace PostTraining.Bench;

/// <summary>Writes a read run as Markdown (bench/results/DATE.md and latest.md) and its chart (DATE.png).</summary>
public static class ReadReport
{
    public static string Write(ReadRunResult run)
    {
        Directory.CreateDirectory(run.Options.ResultsDir);
        var date = run.At.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var chart = Chart.WriteReadChart(run, Path.Combine(run.Options.ResultsDir, date + ".png"));
        var markdown = Markdown(run, chart is null ? null : Path.GetFileName(chart));
        var path = Path.Combine(run.Options.ResultsDir, date + ".md");
        File.WriteAllText(path, markdown);
        File.WriteAllText(Path.Combine(run.Options.ResultsDir, "latest.md"), markdown);
        return path;
    }

    public static string Markdown(ReadRunResult run, string? chartFile)
    {
        var o = run.Options;
        var s = new StringBuilder();
        s.AppendLine($"# Read benchmark, {run.At:yyyy-MM-dd}");
        s.AppendLine();
        s.AppendLine($"Measured {run.At:yyyy-MM-dd HH:mm} UTC by `bench/run.sh` at commit {run.Machine.Commit}, on {run.Machine.Cpu}, " +
            $"{run.Machine.Cores} cores, {run.Machine.Memory}; {run.Machine.Kernel}; {run.Machine.Runtime}; {run.Machine.Wrk}; node {run.Machine.Node}, json-server 0.17.4.");
        s.AppendLine();
        s.AppendLine($"**A shared, small machine.** wrk, the server under test and everything else share {run.Machine.Cores} cores, and other " +
            $"engineers were building and testing on the same machine during the run (1-minute load average {run.LoadAtStart:0.0} at the start, " +
            $"{run.LoadAtEnd:0.0} at the end; each row shows it just before that measurement: above {run.Machine.Cores} the CPUs were oversubscribed). " +
            "Absolute figures are therefore low and noisy; the ratios compare servers measured back to back in one run, endpoint by endpoint, and are what to read.");
        s.AppendLine();
        s.AppendLine($"Load: `wrk -t{o.Threads} -c{o.Connections} -d{o.DurationSeconds}s` on 127.0.0.1 after a {o.WarmupSeconds} s warm-up (each server first served all targets for {o.WarmupSeconds * 3} s). " +
            "API: Release build, `Logging__LogLevel__Default=Warning`, `RateLimiting__Enabled=false`, on a private PostgreSQL with the seed data " +
            $"(start-up to `/health/ready` = 200: {run.ApiReady.TotalSeconds:0.0} s). " +
            "**ceiling**: a minimal Kestrel app (`bench/Ceiling`) answering each target with the exact bytes the API returned, from memory. " +
            "**json-server**: json-server 0.17.4 serving the same data exported as one JSON file (`--ro --id slug`), at the route that answers the same question.");
        s.AppendLine();

        s.AppendLine("## Requests per second");
        s.AppendLine();
        s.AppendLine("| endpoint | API | ceiling | json-server | API / ceiling | target | API / json-server | target |");
        s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var e in Endpoint.All)
        {
            var toCeiling = run.Ratio(e, Servers.Ceiling);
            var toJson = run.Ratio(e, Servers.JsonServer);
            s.AppendLine($"| `{e.Label[4..]}` | {Rps(run, e, Servers.Api)} | {Rps(run, e, Servers.Ceiling)} | {Rps(run, e, Servers.JsonServer)} | " +
                $"{Ratio(toCeiling)} | ≥ {e.CeilingTarget:0.0} {Verdict(toCeiling, e.CeilingTarget)} | {Ratio(toJson)} | ≥ {Endpoint.JsonServerRatioTarget:0} {Verdict(toJson, Endpoint.JsonServerRatioTarget)} |");
        }

        s.AppendLine();
        if (chartFile is not null)
        {
            s.AppendLine($"![requests per second by endpoint and server]({chartFile})");
            s.AppendLine();
        }

        s.AppendLine("## Latency and answers");
        s.AppendLine();
        s.AppendLine("| endpoint | server | request target | status | body bytes | p50 ms | p90 ms | p99 ms | max ms | load avg | notes |");
        s.AppendLine("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var m in run.Measurements)
        {
            var r = m.Result;
            s.AppendLine($"| {m.Endpoint.Name} | {m.Server} | `{m.Target}` | {m.Status} | {m.BodyBytes} | {Ms(r?.P50Ms)} | {Ms(r?.P90Ms)} | {Ms(r?.P99Ms)} | {Ms(r?.MaxMs)} | {m.LoadBefore:0.0} | {m.Problem} |");
        }

        s.AppendLine();
        s.AppendLine("## Write visible on a second API process");
        s.AppendLine();
        if (run.Propagation is { } p)
        {
            s.AppendLine($"Two API processes on the same database; {p.Trials.Count} writes to technique `dpo`'s English description, made by **{p.Method}**, " +
                "each followed by polling both processes every ~2 ms until they serve it. Times are from the start of the write request; " +
                $"the write was acknowledged after {Stats.Ms(p.Median(t => t.WriteMs))} ms (median).");
            if (p.Note is not null)
            {
                s.AppendLine();
                s.AppendLine($"Note: {p.Note}");
            }

            s.AppendLine();
            s.AppendLine("| process | median ms | max ms | target |");
            s.AppendLine("| --- | ---: | ---: | --- |");
            s.AppendLine($"| the one written to | {Stats.Ms(p.Median(t => t.WriterMs))} | {Stats.Ms(p.Max(t => t.WriterMs))} | {(p.Method.StartsWith("PATCH", StringComparison.Ordinal) ? "read your writes: when acknowledged" : "none: it learns of a SQL write by NOTIFY too")} |");
            var max = p.Max(t => t.OtherMs);
            s.AppendLine($"| the second process | {Stats.Ms(p.Median(t => t.OtherMs))} | {Stats.Ms(max)} | < 1000 ms {(max < 1000 ? "met" : "**missed**")} |");
        }
        else
        {
            s.AppendLine($"Not measured: {run.PropagationProblem}");
        }

        s.AppendLine();
        s.AppendLine("## Against the targets of issue 6");
        s.AppendLine();
        foreach (var e in Endpoint.All)
        {
            s.AppendLine($"- {e.Name}: {Against(run.Ratio(e, Servers.Ceiling), e.CeilingTarget, "of the ceiling")}; {Against(run.Ratio(e, Servers.JsonServer), Endpoint.JsonServerRatioTarget, "× json-server")}.");
        }

        return s.ToString();
    }

    private static string Against(double? ratio, double target, string what) => ratio is null
        ? $"not measured ({what})"
        : ratio >= target
            ? $"{ratio:0.00} {what}, target {target:0.0#} met"
            : $"{ratio:0.00} {what}, target {target:0.0#} missed by {(1 - ratio.Value / target) * 100:0}%";

    private static string Rps(ReadRunResult run, Endpoint e, string server) =>
        run.Find(e, server)?.Result is { } r ? $"{r.RequestsPerSecond:0}" : "–";

    private static string Ratio(double? r) => r is null ? "–" : $"{r:0.00}";

    private static string Verdict(double? ratio, double target) => ratio is null ? "" : ratio >= target ? "met" : "**missed**";

    private static string Ms(double? ms) => ms is null ? "–" : $"{ms:0.00}";

}
