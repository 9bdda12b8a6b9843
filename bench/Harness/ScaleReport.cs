using System.Globalization;
using System.Text;

namespace PostTraining.Bench;

/// <summary>Writes a scale run as Markdown: bench/results/DATE-scale.md and latest-scale.md.</summary>
public static class ScaleReport
{
    private const double RssTargetBytes = 1.5 * 1024 * 1024 * 1024;

    /// <summary>Issue 17: a write visible on a second process in under 250 ms at the median.</summary>
    private const double VisibilityTargetMs = 250;

    public static string Write(ScaleRunResult run)
    {
        Directory.CreateDirectory(run.Options.ResultsDir);
        var markdown = Markdown(run);
        var path = Path.Combine(run.Options.ResultsDir, run.At.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "-scale.md");
        File.WriteAllText(path, markdown);
        File.WriteAllText(Path.Combine(run.Options.ResultsDir, "latest-scale.md"), markdown);
        return path;
    }

    public static string Markdown(ScaleRunResult run)
    {
        var o = run.Options;
        var s = new StringBuilder();
        s.AppendLine($"# Scale benchmark, {run.At:yyyy-MM-dd}");
        s.AppendLine();
        s.AppendLine($"Measured {run.At:yyyy-MM-dd HH:mm} UTC by `bench/run.sh --scale` at commit {run.Machine.Commit}, on {run.Machine.Cpu}, " +
            $"{run.Machine.Cores} cores, {run.Machine.Memory}; {run.Machine.Runtime}; {run.Machine.Wrk}.");
        s.AppendLine();
        s.AppendLine($"**A shared, small machine.** PostgreSQL, the API, wrk and other engineers' builds and tests share {run.Machine.Cores} cores " +
            $"(1-minute load average {run.LoadAtStart:0.0} at the start, {run.LoadAtEnd:0.0} at the end; each row shows it just before that measurement). " +
            "Latencies under load include waiting for a CPU; on a dedicated machine they would be lower.");
        s.AppendLine();

        s.AppendLine("## Data");
        s.AppendLine();
        s.AppendLine("The seed data plus the synthetic taxonomy of `bench/Generator`: technique trees (40 top-level techniques per paradigm, " +
            "up to depth 4) under the five paradigms, each reference cited by one random technique, relationships between techniques " +
            "(70% within a paradigm) of the database's relation types.");
        s.AppendLine();
        s.AppendLine("| rows | count |");
        s.AppendLine("| --- | ---: |");
        foreach (var (name, count) in run.Counts)
        {
            s.AppendLine($"| {name} | {count:N0} |");
        }

        s.AppendLine($"| database size | {run.DatabaseBytes / 1024.0 / 1024:0} MiB |");
        s.AppendLine();

        s.AppendLine("## Start-up, memory, import");
        s.AppendLine();
        s.AppendLine("| what | measured | target | |");
        s.AppendLine("| --- | ---: | ---: | --- |");
        s.AppendLine($"| import of the synthetic set (generator, binary COPY, indexes and foreign keys rebuilt, ANALYZE) | {run.Import.TotalSeconds:0.0} s | < 120 s | {Verdict(run.Import.TotalSeconds < 120)} |");
        s.AppendLine($"| API start-up to `/health/ready` = 200 with the seed data only (migrations, seed load, snapshot) | {run.SeedReady.TotalSeconds:0.0} s | | |");
        s.AppendLine($"| API start-up to `/health/ready` = 200 at this size | {run.Ready.TotalSeconds:0.0} s | | |");
        if (run.SeedLog.FirstTotalMs is { } seedSnapshot)
        {
            s.AppendLine($"| snapshot build with the seed data only, from the API's log (load + build) | {seedSnapshot / 1000:0.00} s ({run.SeedLog.FirstLoadMs / 1000:0.00} + {run.SeedLog.FirstBuildMs / 1000:0.00}) | | |");
        }

        if (run.Log.FirstTotalMs is { } snapshot)
        {
            s.AppendLine($"| snapshot build at this size, from the API's log (load from PostgreSQL + build in memory + search index) | {snapshot / 1000:0.00} s ({run.Log.FirstLoadMs / 1000:0.00} + {run.Log.FirstBuildMs / 1000:0.00} + {(run.Log.FirstSearchMs ?? 0) / 1000:0.00}) | < 10 s | {Verdict(snapshot < 10_000)} |");
        }

        if (run.Propagation is { } p)
        {
            var refresh = p.Median(t => t.OtherMs);
            var refreshP99 = p.P99(t => t.OtherMs);
            s.AppendLine($"| a write until a second process serves it, from the start of the write request (median of {p.Trials.Count}, {p.Method}) | {Seconds(refresh)} | < 250 ms | {Verdict(refresh < VisibilityTargetMs)} |");
            s.AppendLine($"| the same, p99 of {p.Trials.Count} (slowest {Seconds(p.Max(t => t.OtherMs))}) | {Seconds(refreshP99)} | | |");
            s.AppendLine($"| the same, each write in order (ms) | {string.Join(", ", p.Trials.Select(t => Stats.Ms(t.OtherMs, "0")))} | | |");
            foreach (var (who, patches) in new[] { ("the process written to", run.WriterPatchMs), ("the second process", run.OtherPatchMs) })
            {
                if (patches.Count > 0)
                {
                    var median = Stats.Percentile(patches.ToList(), 50);
                    s.AppendLine($"| snapshot patch after a write in {who} (changed rows read + build + search overlay, median of {patches.Count}, from its log) | {median / 1000:0.00} s | < 10 s | {Verdict(median < 10_000)} |");
                }
            }

            s.AppendLine($"| the write itself, acknowledged after (median) | {Stats.Ms(p.Median(t => t.WriteMs), "0")} ms | | |");
            s.AppendLine($"| the process written to serves it, from the start of the write request (median) | {Stats.Ms(p.Median(t => t.WriterMs), "0")} ms | | |");
        }
        else
        {
            s.AppendLine($"| snapshot refresh after a write | not measured: {run.PropagationProblem} | < 10 s | |");
        }

        s.AppendLine($"| API RSS with the seed data only | {ScaleRun.Mib(run.SeedRss)} | | |");
        s.AppendLine($"| API RSS at this size, when ready | {ScaleRun.Mib(run.RssReady)} | < 1536 MiB | {Verdict(run.RssReady < RssTargetBytes)} |");
        s.AppendLine($"| API RSS after the load runs | {ScaleRun.Mib(run.RssAfterLoad)} | < 1536 MiB | {Verdict(run.RssAfterLoad < RssTargetBytes)} |");
        s.AppendLine($"| API peak RSS through the whole run (start-up, load runs, writes; `VmHWM`) | {ScaleRun.Mib(run.RssPeak)} (by start-up {ScaleRun.Mib(run.RssPeakReady)}, by the end of the load runs {ScaleRun.Mib(run.RssPeakAfterLoad)}) | < 1536 MiB | {Verdict(run.RssPeak < RssTargetBytes)} |");
        s.AppendLine($"| second API process, peak RSS (start-up and the writes it followed) | {ScaleRun.Mib(run.RssPeakSecond)} | < 1536 MiB | {Verdict(run.RssPeakSecond < RssTargetBytes)} |");
        s.AppendLine();
        if (run.Log.Lines.Count > 0)
        {
            s.AppendLine("The API's own log lines about its snapshot at this size:");
            s.AppendLine();
            s.AppendLine("```");
            foreach (var line in run.Log.Lines)
            {
                s.AppendLine(line);
            }

            s.AppendLine("```");
            s.AppendLine();
        }

        s.AppendLine($"## Latency at {o.Connections} connections");
        s.AppendLine();
        s.AppendLine($"`wrk -t{o.Threads} -c{o.Connections} -d{o.DurationSeconds}s` after a {o.WarmupSeconds} s warm-up, each request to a random target of the list.");
        s.AppendLine();
        s.AppendLine("| endpoint | targets | req/s | p50 ms | p90 ms | p99 ms | max ms | p99 target | | load avg | notes |");
        s.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |");
        foreach (var m in run.Measurements)
        {
            var r = m.Result;
            var target = double.IsNaN(m.P99TargetMs) ? "" : $"< {m.P99TargetMs:0} ms";
            var verdict = r is null || double.IsNaN(m.P99TargetMs) ? "" : Verdict(r.Clean && r.P99Ms < m.P99TargetMs);
            s.AppendLine($"| {m.Name} | {m.Description} | {(r is null ? "–" : r.RequestsPerSecond.ToString("0", CultureInfo.InvariantCulture))} | " +
                $"{Ms(r?.P50Ms)} | {Ms(r?.P90Ms)} | {Ms(r?.P99Ms)} | {Ms(r?.MaxMs)} | {target} | {verdict} | {m.LoadBefore:0.0} | {m.Problem} |");
        }

        s.AppendLine();
        s.AppendLine("## Where the in-memory design stops fitting");
        s.AppendLine();
        s.AppendLine(Extrapolation(run));
        s.AppendLine();
        s.AppendLine("See bench/README.md for what takes over beyond that point.");
        return s.ToString();
    }

    /// <summary>
    /// Linear extrapolation from the two sizes measured in this run (seed data only, and seed plus the synthetic set):
    /// at how many techniques the RSS and the start-up build would reach their targets.
    /// </summary>
    private static string Extrapolation(ScaleRunResult run)
    {
        var techniques = run.Options.Techniques;
        var lines = new List<string>();
        if (run.SeedRss is { } seedRss && run.RssReady is { } rss && rss > seedRss)
        {
            var perTechnique = (rss - seedRss) / (double)techniques;
            var limit = (RssTargetBytes - seedRss) / perTechnique;
            lines.Add($"- Memory (RSS when ready, before any load): {perTechnique / 1024:0.0} KiB per synthetic technique (with its 3 references and " +
                $"10 relationships); 1.5 GB is reached at about {limit:N0} techniques at the same proportions.");
        }

        if (run.SeedLog.FirstTotalMs is { } seedMs && run.Log.FirstTotalMs is { } fullMs && fullMs > seedMs)
        {
            var perTechnique = (fullMs - seedMs) / techniques;
            lines.Add($"- Snapshot build: {perTechnique * 1000:0.0} µs per synthetic technique (load and build); a 10 s build is reached at about " +
                $"{Math.Max(0, (10_000 - seedMs) / perTechnique):N0} techniques at the same proportions.");
        }

        return lines.Count == 0 ? "Not enough measurements to extrapolate." : string.Join('\n', lines) +
            "\n\nBoth are linear estimates from two sizes in one run on a shared machine; graph queries (neighbors, paths) grow with degree, not size.";
    }

    private static string Seconds(double ms) => double.IsInfinity(ms) ? "not within 2 min" : ms < 10_000 ? $"{ms:0} ms" : $"{ms / 1000:0.00} s";

    private static string Verdict(bool met) => met ? "met" : "**missed**";

    private static string Ms(double? ms) => ms is null ? "–" : ms.Value.ToString("0.00", CultureInfo.InvariantCulture);
}
