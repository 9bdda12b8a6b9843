using Microsoft.EntityFrameworkCore;
using PostTraining.Data;
using PostTraining.Data.Local;

namespace PostTraining.Api.Database;

public static class DatabaseSetup
{
    /// <summary>
    /// Registers the DbContext on <c>ConnectionStrings:Postgres</c>. When none is configured, starts (and on shutdown
    /// stops) a private PostgreSQL cluster in the repository's git-ignored .data folder, so the run command needs nothing.
    /// </summary>
    public static async Task AddDatabaseAsync(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var dataDir = Path.Combine(FindLocalDataRoot(builder.Environment.ContentRootPath), ".data", "postgres");
            var cluster = await LocalPostgresCluster.StartAsync(dataDir, Console.WriteLine);
            connectionString = cluster.ConnectionString("posttraining");
            builder.Configuration["ConnectionStrings:Postgres"] = connectionString;
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

    /// <summary>Applies pending migrations before the host serves; any failure is logged and stops the process.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PostTraining.Startup");
        try
        {
            var connectionString = app.Configuration.GetConnectionString("Postgres")!;
            await DataServiceCollectionExtensions.EnsureDatabaseExistsAsync(connectionString);

            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
                if (pending.Count > 0)
                {
                    logger.LogInformation("Applying {Count} migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
                    await db.Database.MigrateAsync();
                }
            });
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "Start-up failed while preparing the database; the service will not start");
            throw;
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
