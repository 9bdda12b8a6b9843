using System.ComponentModel;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Auth;

/// <summary>What a new key is called, what it may do and until when.</summary>
public sealed record CreateApiKeyRequest(
    [property: Description("Shown in the change feed as the author of this key's changes; unique.")] string? Name,
    [property: Description("'write' (change taxonomy data) and/or 'admin' (also manage keys).")] IReadOnlyList<string>? Scopes,
    [property: Description("When the key stops working; absent for a key that does not expire.")] DateTimeOffset? ExpiresAt);

/// <summary>An API key as listed: everything but its secret, which only the creating response carries.</summary>
public sealed record ApiKeyResponse(
    long Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    string Status,
    DateTimeOffset CreatedAt,
    string? CreatedBy,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    string Url);

/// <summary>A newly created key. <c>secret</c> is shown this once: the service keeps only a hash of it.</summary>
public sealed record CreatedApiKeyResponse(
    long Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    string? CreatedBy,
    DateTimeOffset? ExpiresAt,
    string Secret,
    string Url);

public sealed record ApiKeyList(IReadOnlyList<ApiKeyResponse> Items);

internal static class ApiKeyMapping
{
    public static ApiKeyResponse ToResponse(this ApiKey key, DateTimeOffset now) => new(
        key.Id,
        key.Name,
        key.Prefix,
        key.Scopes,
        key.RevokedAt is not null ? "revoked" : key.ExpiresAt <= now ? "expired" : "active",
        key.CreatedAt,
        key.CreatedBy,
        key.ExpiresAt,
        key.LastUsedAt,
        key.RevokedAt,
        $"/api/v1/keys/{key.Id}");
}
