namespace PostTraining.Api.RateLimiting;

/// <summary>The <c>RateLimiting</c> configuration section.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>False turns every limit off (benchmarks, deployments behind a gateway that limits).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Safe requests, counted per client address.</summary>
    public WindowOptions Reads { get; set; } = new() { PermitLimit = 600, WindowSeconds = 60 };

    /// <summary>Writes, counted per API key (per client address when no key is presented).</summary>
    public WindowOptions Writes { get; set; } = new() { PermitLimit = 60, WindowSeconds = 60 };

    public sealed class WindowOptions
    {
        public int PermitLimit { get; set; }
        public int WindowSeconds { get; set; }
    }
}
