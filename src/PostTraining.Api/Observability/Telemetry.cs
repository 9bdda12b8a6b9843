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
}
