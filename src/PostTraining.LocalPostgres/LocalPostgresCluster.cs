using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace PostTraining.LocalPostgres;

/// <summary>
/// A private PostgreSQL cluster run from the system's server binaries: the run command keeps one in the repo's
/// git-ignored .data folder, the tests make a throwaway one per run. No Docker, nothing shared with other users.
/// </summary>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    private readonly string _binDir;
    private readonly bool _asPostgresUser;
    private readonly Action<string> _log;
    private readonly bool _durable;

    private LocalPostgresCluster(string dataDir, string binDir, bool asPostgresUser, Action<string> log, bool durable)
    {
        DataDirectory = dataDir;
        _binDir = binDir;
        _asPostgresUser = asPostgresUser;
        _log = log;
        _durable = durable;
    }

    public string DataDirectory { get; }
    public int Port { get; private set; }
    public bool Running { get; private set; }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
        }.ConnectionString;

    /// <summary>
    /// Initialises the cluster in <paramref name="dataDir"/> if it holds none, and starts it on a free port. It is
    /// durable (<c>fsync</c> on: what the run command keeps survives a crash) unless <paramref name="durable"/> is false,
    /// which suits throw-away clusters (tests, benchmarks) that are deleted after the run.
    /// </summary>
    public static async Task<LocalPostgresCluster> StartAsync(string dataDir, Action<string>? log = null, CancellationToken ct = default, bool durable = true)
    {
        log ??= _ => { };
        var binDir = await FindOrInstallBinariesAsync(log, ct);
        var asPostgres = IsRoot();
        Directory.CreateDirectory(dataDir);
        var cluster = new LocalPostgresCluster(Path.GetFullPath(dataDir), binDir, asPostgres, log, durable);
        await cluster.InitIfMissingAsync(ct);
        await cluster.StartServerAsync(ct);
        return cluster;
    }

    private async Task InitIfMissingAsync(CancellationToken ct)
    {
        if (File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            return;
        }

        if (_asPostgresUser)
        {
            // initdb refuses to run as root; the postgres user needs to own the folder it writes.
            await RunAsync("chown", ["-R", "postgres:postgres", DataDirectory], asPostgres: false, ct);
        }

        _log($"Initialising a private PostgreSQL cluster in {DataDirectory}");
        await RunAsync(Path.Combine(_binDir, "initdb"),
            ["-D", DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], _asPostgresUser, ct);
    }

    private async Task StartServerAsync(CancellationToken ct)
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (File.Exists(pidFile) && await TryUseRunningServerAsync(pidFile, ct))
        {
            return;
        }

        Port = FreePort();
        _log($"Starting PostgreSQL on 127.0.0.1:{Port}");
        await PgCtlStartAsync(ct);
    }

    /// <summary>
    /// Makes a streaming hot standby of this (running) cluster in <paramref name="dataDir"/>, which must not exist yet:
    /// <c>pg_basebackup -R</c> copies the data and writes <c>primary_conninfo</c> with <c>standby.signal</c>, then the
    /// copy starts on a port of its own. The primary's defaults already allow it (<c>wal_level=replica</c>,
    /// <c>max_wal_senders</c>, initdb's <c>replication</c> lines in pg_hba.conf). A hot standby refuses to start with
    /// a lower <c>max_connections</c> (and a few other limits) than its primary: it gets the very command line the
    /// primary got, so the two always agree.
    /// </summary>
    public async Task<LocalPostgresCluster> StartStandbyAsync(string dataDir, CancellationToken ct = default)
    {
        var standby = new LocalPostgresCluster(Path.GetFullPath(dataDir), _binDir, _asPostgresUser, _log, _durable);
        _log($"Copying the cluster on 127.0.0.1:{Port} into a standby in {standby.DataDirectory}");
        await RunAsync(Path.Combine(_binDir, "pg_basebackup"),
            ["-D", standby.DataDirectory, "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres",
             "-R", "-X", "stream", "-c", "fast", "--no-sync"], _asPostgresUser, ct);
        standby.Port = FreePort();
        _log($"Starting the standby on 127.0.0.1:{standby.Port}");
        await standby.PgCtlStartAsync(ct);
        return standby;
    }

    private async Task PgCtlStartAsync(CancellationToken ct)
    {
        var options = $"-p {Port} -k {DataDirectory} -c listen_addresses=127.0.0.1 -c fsync={(_durable ? "on" : "off")} -c max_connections=300";
        await RunAsync(Path.Combine(_binDir, "pg_ctl"),
            ["-D", DataDirectory, "-l", Path.Combine(DataDirectory, "server.log"), "-w", "-t", "60", "-o", options, "start"], _asPostgresUser, ct);
        Running = true;
    }

    /// <summary>A cluster left running by an earlier run (or a crashed one) is reused rather than fought over.</summary>
    private async Task<bool> TryUseRunningServerAsync(string pidFile, CancellationToken ct)
    {
        var lines = await File.ReadAllLinesAsync(pidFile, ct);
        if (lines.Length < 4 || !int.TryParse(lines[0], out var pid) || !int.TryParse(lines[3], out var port))
        {
            return false;
        }

        if (!ProcessExists(pid))
        {
            return false;
        }

        Port = port;
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
            await connection.OpenAsync(ct);
            Running = true;
            _log($"Using the PostgreSQL already running on 127.0.0.1:{Port}");
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    public async Task StopAsync()
    {
        if (!Running)
        {
            return;
        }

        Running = false;
        _log("Stopping the private PostgreSQL cluster");
        await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", DataDirectory, "-m", "fast", "-w", "stop"], _asPostgresUser, CancellationToken.None);
    }

    /// <summary>Starts the server again on the same port (used by fault-injection tests).</summary>
    public Task RestartAsync() => PgCtlStartAsync(CancellationToken.None);

    public async ValueTask DisposeAsync() => await StopAsync();

    private static async Task<string> FindOrInstallBinariesAsync(Action<string> log, CancellationToken ct)
    {
        var found = FindBinaries();
        if (found is not null)
        {
            return found;
        }

        if (!IsRoot())
        {
            throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install the Debian/Ubuntu package 'postgresql' " +
                "(sudo apt-get install -y postgresql), set POSTGRES_BIN to their folder, or set ConnectionStrings__Postgres to an existing database.");
        }

        log("PostgreSQL server binaries not found; installing the 'postgresql' package with apt-get");
        await RunAsync("apt-get", ["update", "-q"], asPostgres: false, ct);
        await RunAsync("apt-get", ["install", "-y", "-q", "postgresql"], asPostgres: false, ct);
        return FindBinaries() ?? throw new InvalidOperationException("apt-get installed 'postgresql' but initdb is still missing.");
    }

    private static string? FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("POSTGRES_BIN");
        if (!string.IsNullOrEmpty(configured) && File.Exists(Path.Combine(configured, "initdb")))
        {
            return configured;
        }

        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Dir)
            .FirstOrDefault();
    }

    private static bool IsRoot() => OperatingSystem.IsLinux() && Environment.UserName == "root";

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string[] args, bool asPostgres, CancellationToken ct)
    {
        var psi = asPostgres
            ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", "postgres", "--", file } }
            : new ProcessStartInfo(file);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.UseShellExecute = false;
        if (file == "apt-get")
        {
            psi.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} {string.Join(' ', args)} failed with exit code {process.ExitCode}: {(await stderr).Trim()} {(await stdout).Trim()}");
        }
    }
}
