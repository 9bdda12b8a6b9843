using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PostTraining.Api.Observability;

/// <summary>
/// The service's own activity source and meter. Features add their spans and counters here (e.g. snapshot rebuilds,
/// cache hits) and they are exported with the ASP.NET Core and Npgsql ones when OTLP export is on.
/// </summary>
public static class Telemetry
{
    public const string Name = "PostTraining.Api";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Each new read-model snapshot swapped in: start-up, local writes and other processes' notifications.</summary>
    public static readonly Counter<long> SnapshotRebuilds = Meter.CreateCounter<long>(
        "posttraining.snapshot.rebuilds", "{rebuild}", "Read-model snapshots built and swapped in");

    /// <summary>
    /// Reads answered without building a body: a snapshot-held body written as is (outcome=body), or any read
    /// answered 304 because the client's copy is current (outcome=not_modified).
    /// </summary>
    public static readonly Counter<long> CacheHits = Meter.CreateCounter<long>(
        "posttraining.cache.hits", "{hit}", "Reads served from a cached body or answered 304 Not Modified");
}
