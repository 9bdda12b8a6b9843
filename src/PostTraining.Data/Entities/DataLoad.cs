namespace PostTraining.Data.Entities;

/// <summary>
/// A load of the data files that changed the files' fingerprint: start-up compares the newest row's hash with the
/// files it ships, and loads only when they differ (or the taxonomy is missing).
/// </summary>
public sealed class DataLoad
{
    public long Id { get; set; }

    /// <summary>SHA-256 over the loaded files' names and bytes.</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>The loaded files' names, in load order.</summary>
    public List<string> Files { get; set; } = [];

    public DateTimeOffset LoadedAt { get; set; }

    public int Created { get; set; }
    public int Updated { get; set; }

    /// <summary>Entities the files would have changed but a curator had changed since the last load.</summary>
    public int Protected { get; set; }
}
