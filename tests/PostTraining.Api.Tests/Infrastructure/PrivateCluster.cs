using PostTraining.LocalPostgres;

namespace PostTraining.Api.Tests.Infrastructure;

/// <summary>A throwaway PostgreSQL cluster in a temp folder of its own, removed again when disposed.</summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    private PrivateCluster(LocalPostgresCluster cluster, string directory)
    {
        Cluster = cluster;
        Directory = directory;
    }

    public LocalPostgresCluster Cluster { get; }
    public string Directory { get; }

    public static async Task<PrivateCluster> StartAsync(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"{prefix}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(dir);
        if (OperatingSystem.IsLinux())
        {
            // The server runs as the postgres user when the tests run as root; it must be able to enter the folder.
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_111_111);
        }

        return new PrivateCluster(await LocalPostgresCluster.StartAsync(dir, durable: false), dir);
    }

    /// <summary>A streaming hot standby of this cluster in a sibling temp folder, removed again when disposed.</summary>
    public async Task<PrivateCluster> StartStandbyAsync()
    {
        // pg_basebackup makes the folder itself (as the postgres user, with the mode a data folder needs).
        var dir = Directory + "-standby";
        return new PrivateCluster(await Cluster.StartStandbyAsync(dir), dir);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
