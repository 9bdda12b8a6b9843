using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using PostTraining.Api.ReadModel;

namespace PostTraining.Api.Health;

public static class HealthEndpoints
{
    private const string ReadyTag = "ready";
    private const string SnapshotCheck = "readModel";

    public static void AddHealth(this WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<SnapshotHealthCheck>(SnapshotCheck, tags: [ReadyTag]);

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        // GET and HEAD only: a health check takes no other method, and routing then answers 405 (not the key
        // middleware's 401 for a write).
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head])).WithTags("Health").ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteReadyAsync })
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head])).WithTags("Health").ExcludeFromDescription();
    }

    /// <summary>
    /// Ready means reads can be answered: that needs the read model, not the database. With the database down and a
    /// snapshot in memory the answer is 200 with status Degraded and the database reported Unhealthy.
    /// </summary>
    private static Task WriteReadyAsync(HttpContext context, HealthReport report)
    {
        var canServe = report.Entries.TryGetValue(SnapshotCheck, out var snapshot) && snapshot.Status == HealthStatus.Healthy;
        context.Response.StatusCode = canServe ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        if (!canServe)
        {
            context.Response.Headers.RetryAfter = "5";
        }

        var status = !canServe ? HealthStatus.Unhealthy : report.Status == HealthStatus.Healthy ? HealthStatus.Healthy : HealthStatus.Degraded;
        return WriteAsync(context, new HealthReport(report.Entries, status, report.TotalDuration));
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            // A check's data (the read model's snapshot LSN and origin) rides along when it has any.
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Data.Count == 0
                ? (object)new { status = e.Value.Status.ToString(), description = e.Value.Description }
                : new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}

/// <summary>Opens a connection and runs a trivial query, with a short timeout so a down database is reported quickly.</summary>
internal sealed class DatabaseHealthCheck(IConfiguration configuration) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var builder = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Postgres")) { Timeout = 3, CommandTimeout = 3 };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("PostgreSQL answers.");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL does not answer.");
        }
    }
}
