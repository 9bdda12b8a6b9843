using Npgsql;
using PostTraining.Data.Local;

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

        var dir = Path.Combine(Path.GetTempPath(), $"posttraining-tests-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        if (OperatingSystem.IsLinux())
        {
            // The server runs as the postgres user when the tests run as root; it must be able to enter the folder.
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_111_111);
        }

        var cluster = await LocalPostgresCluster.StartAsync(dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            cluster.StopAsync().GetAwaiter().GetResult();
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a temp folder left behind is harmless.
            }
            catch (UnauthorizedAccessException)
            {
            }
        };
        return new Server(cluster.ConnectionString("postgres"), cluster);
    }

    public sealed record Server(string ConnectionString, LocalPostgresCluster? Cluster);
}
