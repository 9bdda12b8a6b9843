using PostTraining.LocalPostgres;

namespace PostTraining.Bench;

/// <summary>A temp folder for one bench run (database cluster, captured responses, logs), removed afterwards.</summary>
public sealed class Workspace
{
    private Workspace(string root) => Root = root;

    public string Root { get; }
    public string Logs => Path.Combine(Root, "logs");
    public string Capture => Path.Combine(Root, "capture");

    public static Workspace Create(Cleanup cleanup)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The bench runs on Linux (wrk, /proc, the system's PostgreSQL).");
        }

        var root = Directory.CreateTempSubdirectory("posttraining-bench-").FullName;
        // The cluster runs as the postgres user when we are root: it must be able to reach its folder inside ours.
        File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var workspace = new Workspace(root);
        Directory.CreateDirectory(workspace.Logs);
        Directory.CreateDirectory(workspace.Capture);
        cleanup.Add("workspace", () =>
        {
            Directory.Delete(root, recursive: true);
            return Task.CompletedTask;
        });
        return workspace;
    }

    /// <summary>Starts a private PostgreSQL cluster in this workspace; it is stopped before the folder is removed.</summary>
    public async Task<LocalPostgresCluster> StartPostgresAsync(Cleanup cleanup)
    {
        var cluster = await LocalPostgresCluster.StartAsync(Path.Combine(Root, "postgres"), m => Console.WriteLine($"  {m}"), cleanup.Token, durable: false);
        cleanup.Add("postgres", cluster.StopAsync);
        return cluster;
    }
}
