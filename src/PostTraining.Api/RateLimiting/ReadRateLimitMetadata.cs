namespace PostTraining.Api.RateLimiting;

/// <summary>
/// Marks an endpoint whose POSTs only read (the MCP endpoint's JSON-RPC calls), so the limiter counts them against the
/// read window per client address, as the GETs they mirror, instead of the write window meant for changes.
/// </summary>
public sealed class ReadRateLimitMetadata;
