using System.Globalization;

namespace PostTraining.Bench;

/// <summary>Where the built pieces are and how hard to load them; every value has a default that run.sh relies on.</summary>
public sealed record BenchOptions
{
    public required string RepoRoot { get; init; }
    public string ApiDll => Path.Combine(RepoRoot, "src", "PostTraining.Api", "bin", "Release", "net10.0", "PostTraining.Api.dll");
    public string CeilingDll => Path.Combine(RepoRoot, "bench", "Ceiling", "bin", "Release", "net10.0", "Ceiling.dll");
    public string GeneratorDll => Path.Combine(RepoRoot, "bench", "Generator", "bin", "Release", "net10.0", "Generator.dll");
    public string JsonServerCli => Path.Combine(RepoRoot, "bench", "node_modules", "json-server", "lib", "cli", "bin.js");
    public string WrkScripts => Path.Combine(RepoRoot, "bench", "wrk");
    public string ResultsDir => Path.Combine(RepoRoot, "bench", "results");

    public int Threads { get; init; } = 2;
    public int Connections { get; init; } = 32;
    public int DurationSeconds { get; init; } = 10;
    public int WarmupSeconds { get; init; } = 5;
    public int PropagationTrials { get; init; } = 10;

    public int Techniques { get; init; } = 100_000;
    public int References { get; init; } = 300_000;
    public int Relationships { get; init; } = 1_000_000;

    public static (string Command, BenchOptions Options) Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("run" or "scale" or "webhooks"))
        {
            throw new ArgumentException("usage: Harness run|scale|webhooks --repo <root> [--threads N] [--connections N] [--duration S] [--warmup S] " +
                "[--trials N] [--techniques N] [--references N] [--relationships N]");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected --name value, got '{args[i]}'.");
            }

            values[args[i][2..]] = args[++i];
        }

        int Int(string name, int fallback) =>
            values.Remove(name, out var v) ? int.Parse(v, NumberStyles.Integer, CultureInfo.InvariantCulture) : fallback;

        var repo = values.Remove("repo", out var r) ? Path.GetFullPath(r) : Directory.GetCurrentDirectory();
        var options = new BenchOptions
        {
            RepoRoot = repo,
            Threads = Int("threads", 2),
            Connections = Int("connections", 32),
            DurationSeconds = Int("duration", 10),
            WarmupSeconds = Int("warmup", 5),
            // The scale run's visibility target is a median and a p99: 20 writes give it a p99 worth the name.
            PropagationTrials = Int("trials", args[0] == "scale" ? 20 : 10),
            Techniques = Int("techniques", 100_000),
            References = Int("references", 300_000),
            Relationships = Int("relationships", 1_000_000),
        };
        if (values.Count > 0)
        {
            throw new ArgumentException($"Unknown option(s): {string.Join(", ", values.Keys.Select(k => "--" + k))}.");
        }

        return (args[0], options);
    }
}
