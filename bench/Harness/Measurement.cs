namespace PostTraining.Bench;

public static class Servers
{
    public const string Api = "API";
    public const string Ceiling = "ceiling";
    public const string JsonServer = "json-server";

    public static IReadOnlyList<string> All { get; } = [Api, Ceiling, JsonServer];
}

/// <summary>One endpoint measured on one server: what it answered, and wrk's figures (null when it could not be run).</summary>
public sealed record Measurement(Endpoint Endpoint, string Server, string Target, int Status, int BodyBytes, double LoadBefore, WrkResult? Result, string? Problem);

/// <summary>Everything one run of bench/run.sh measured.</summary>
public sealed record ReadRunResult(
    DateTimeOffset At,
    MachineInfo Machine,
    BenchOptions Options,
    TimeSpan ApiReady,
    IReadOnlyList<Measurement> Measurements,
    PropagationResult? Propagation,
    string? PropagationProblem,
    double LoadAtStart,
    double LoadAtEnd)
{
    public Measurement? Find(Endpoint endpoint, string server) =>
        Measurements.FirstOrDefault(m => m.Endpoint == endpoint && m.Server == server);

    /// <summary>API requests/s divided by the other server's, for the same endpoint in this run.</summary>
    public double? Ratio(Endpoint endpoint, string other)
    {
        var api = Find(endpoint, Servers.Api)?.Result;
        var baseline = Find(endpoint, other)?.Result;
        return api is null || baseline is null || baseline.RequestsPerSecond == 0 ? null : api.RequestsPerSecond / baseline.RequestsPerSecond;
    }
}
