using Npgsql;
using PostTraining.LocalPostgres;

namespace PostTraining.Api.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL server for the whole test run: a fresh cluster in a temp folder, started from the
/// system's binaries and removed at exit; or the server that POSTTRAINING_TEST_POSTGRES names. Each test class
/// then gets a database of its own on it, so no test sees rows another wrote.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<Task<Server>> Shared = new(StartAsync);

    public static Task<Server> GetAsync() => Shared.Value;

    /// <summary>A connection string to a new, empty database name on the shared server (the API creates it).</summary>
    public static async Task<string> NewDatabaseAsync(string prefix = "t")
    {
        var server = await GetAsync();
        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString)
        {
            Database = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)],
        };
        return builder.ConnectionString;
    }

    private static async Task<Server> StartAsync()
    {
        var external = Environment.GetEnvironmentVariable("POSTTRAINING_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new Server(external, null);
        }

        var server = await PrivateCluster.StartAsync("posttraining-tests");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        var cluster = server.Cluster;
        return new Server(cluster.ConnectionString("postgres"), cluster);
    }

    public sealed record Server(string ConnectionString, LocalPostgresCluster? Cluster);
}
