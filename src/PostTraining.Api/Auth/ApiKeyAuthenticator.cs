using Microsoft.EntityFrameworkCore;
using PostTraining.Api.Http;
using PostTraining.Data;

namespace PostTraining.Api.Auth;

/// <summary>The outcome of checking a presented key: a caller, or the reason it was refused.</summary>
public sealed record ApiKeyCheck(ApiCaller? Caller, string? Failure)
{
    public static ApiKeyCheck Refused(string reason) => new(null, reason);
}

/// <summary>
/// Checks a presented key against the bootstrap key from configuration and the stored keys. The database is asked on
/// every call, so a revoked key stops working at once in every process.
/// </summary>
internal sealed class ApiKeyAuthenticator(PostTrainingDbContext db, IConfiguration configuration, TimeProvider clock)
{
    /// <summary>
    /// How stale a key's last-used time may get: the timestamp is written at most once per interval per key, so
    /// keeping it costs no extra write on most requests.
    /// </summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<ApiKeyCheck> CheckAsync(string presented, CancellationToken ct)
    {
        // Read on every request so that removing the setting (with a reloading configuration source) disables it.
        var bootstrap = configuration["Auth:AdminKey"];
        if (!string.IsNullOrEmpty(bootstrap) && ApiKeySecret.FixedTimeEquals(presented, bootstrap))
        {
            return new ApiKeyCheck(new ApiCaller(ApiCaller.BootstrapName, [ApiScopes.Admin], null), null);
        }

        if (!ApiKeySecret.TryGetPrefix(presented, out var prefix))
        {
            return ApiKeyCheck.Refused("The API key is not valid.");
        }

        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Prefix == prefix)
            .Select(k => new { k.Id, k.Name, k.Salt, k.Hash, k.Scopes, k.ExpiresAt, k.RevokedAt, k.LastUsedAt })
            .FirstOrDefaultAsync(ct);
        if (key is null || !ApiKeySecret.Matches(presented, key.Salt, key.Hash))
        {
            return ApiKeyCheck.Refused("The API key is not valid.");
        }

        var now = clock.GetUtcNow();
        if (key.RevokedAt is not null)
        {
            return ApiKeyCheck.Refused("The API key has been revoked.");
        }

        if (key.ExpiresAt is { } expires && expires <= now)
        {
            return ApiKeyCheck.Refused("The API key has expired.");
        }

        if (key.LastUsedAt is not { } lastUsed || now - lastUsed >= LastUsedResolution)
        {
            var threshold = now - LastUsedResolution;
            // The condition repeats the check in SQL, so concurrent requests (or replicas) write it once.
            await db.ApiKeys
                .Where(k => k.Id == key.Id && (k.LastUsedAt == null || k.LastUsedAt <= threshold))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        }

        return new ApiKeyCheck(new ApiCaller(key.Name, key.Scopes, key.Id), null);
    }
}
