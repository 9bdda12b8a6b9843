namespace PostTraining.Data.Entities;

/// <summary>An API key, stored only as a salted hash.</summary>
public sealed class ApiKey
{
    public long Id { get; set; }

    /// <summary>Human-readable name, shown in the change feed.</summary>
    public string Name { get; set; } = "";

    /// <summary>The key's public prefix, used to find the row without scanning hashes.</summary>
    public string Prefix { get; set; } = "";

    public byte[] Salt { get; set; } = [];
    public byte[] Hash { get; set; } = [];

    public List<string> Scopes { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? CreatedBy { get; set; }
}
