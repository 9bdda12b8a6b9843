using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using PostTraining.Data;
using PostTraining.Data.Seed;
using PostTraining.LocalPostgres;

namespace PostTraining.Api.Database;

public static class DatabaseSetup
{
    /// <summary>Configuration key of the folder holding seed.json and curated.json (default: data/ beside the app).</summary>
    public const string DataDirectoryKey = "Data:Directory";

    /// <summary>
    /// Registers the DbContext on <c>ConnectionStrings:Postgres</c>. When none is configured, starts (and on shutdown
    /// stops) a private PostgreSQL cluster in the repository's git-ignored .data folder, so the run command needs nothing.
    /// </summary>
    public static async Task AddDatabaseAsync(this WebApplicationBuilder builder)
    {
        var (connectionString, cluster) = await ResolveConnectionAsync(builder.Configuration, builder.Environment.ContentRootPath);
        if (cluster is not null)
        {
            builder.Services.AddHostedService(_ => new LocalClusterLifetime(cluster));
        }

        // Statements the service runs again and again (snapshot loads, writes) are prepared once per connection.
        var tuned = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (tuned.MaxAutoPrepare == 0)
        {
            tuned.MaxAutoPrepare = 50;
            tuned.AutoPrepareMinUsages = 2;
            connectionString = tuned.ConnectionString;
            builder.Configuration["ConnectionStrings:Postgres"] = connectionString;
        }

        builder.Services.AddPostTrainingData(connectionString);
    }

    /// <summary>The configured connection string, or one to a private local cluster started for it (returned so the caller stops it).</summary>
    internal static async Task<(string ConnectionString, LocalPostgresCluster? Cluster)> ResolveConnectionAsync(IConfiguration configuration, string contentRoot)
    {
        var connectionString = configuration.GetConnectionString("Postgres");
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return (connectionString, null);
        }

        var dataDir = Path.Combine(FindLocalDataRoot(contentRoot), ".data", "postgres");
        var cluster = await LocalPostgresCluster.StartAsync(dataDir, Console.WriteLine);
        connectionString = cluster.ConnectionString("posttraining");
        configuration["ConnectionStrings:Postgres"] = connectionString;
        return (connectionString, cluster);
    }

    /// <summary>
    /// Applies pending migrations, then loads the data files when the taxonomy is missing or the files changed since
    /// the last load, before the host serves; any failure is logged and stops the process.
    /// </summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PostTraining.Startup");
        try
        {
            var connectionString = app.Configuration.GetConnectionString("Postgres")!;
            await DataServiceCollectionExtensions.EnsureDatabaseExistsAsync(connectionString);

            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
            await MigrateAsync(db, logger);
            await LoadDataIfNeededAsync(db, DataFiles.Paths(app.Configuration[DataDirectoryKey]), logger);
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "Start-up failed while preparing the database; the service will not start");
            throw;
        }
    }

    internal static async Task MigrateAsync(PostTrainingDbContext db, ILogger logger)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            // EF Core finds out whether its history table exists by selecting from it and catching the error, which its
            // command logger reports as "fail: Failed executing DbCommand ... FROM __ef_migrations_history" on every
            // first start. Creating the (empty) table first, with EF's own CREATE TABLE IF NOT EXISTS, makes that probe
            // succeed; nothing is filtered, so a real failing command is still logged. Migrate treats it as it would
            // its own table (no migration applied yet).
            try
            {
                await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync();
            }
            catch (Npgsql.PostgresException e) when (e.SqlState is Npgsql.PostgresErrorCodes.UniqueViolation or Npgsql.PostgresErrorCodes.DuplicateTable)
            {
                // Two replicas starting together on an empty database: PostgreSQL's IF NOT EXISTS can still lose the
                // race on the catalog; the other one created the table, which is all this wanted.
            }

            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count > 0)
            {
                logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                await db.Database.MigrateAsync();
            }
        });
    }

    /// <summary>Loads the files unless the database already holds exactly these files' content (compared by hash).</summary>
    internal static async Task LoadDataIfNeededAsync(PostTrainingDbContext db, IReadOnlyList<string> paths, ILogger logger)
    {
        var loader = new SeedLoader(db);
        if (!await loader.IsLoadNeededAsync(DataFiles.Hash(paths)))
        {
            logger.LogInformation("The taxonomy data is up to date with {Files}", string.Join(", ", paths.Select(Path.GetFileName)));
            return;
        }

        var data = DataSet.Load(paths);
        logger.LogInformation("Loading the taxonomy data from {Files}", string.Join(", ", paths));
        var report = await loader.LoadAsync(data, ConsoleProgress.IfInteractive());
        LogReport(report, logger);
    }

    internal static void LogReport(LoadReport report, ILogger logger)
    {
        logger.LogInformation("Taxonomy data loaded: {Report}", report);
        foreach (var entity in report.Protected)
        {
            logger.LogWarning("Not overwritten: {Entity}", entity);
        }
    }

    /// <summary>The repository root when running from a checkout (so data survives rebuilds), else the content root.</summary>
    private static string FindLocalDataRoot(string contentRoot)
    {
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PostTraining.Api.sln")))
            {
                return dir.FullName;
            }
        }

        return contentRoot;
    }

    private sealed class LocalClusterLifetime(LocalPostgresCluster cluster) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => cluster.StopAsync();
    }
}
