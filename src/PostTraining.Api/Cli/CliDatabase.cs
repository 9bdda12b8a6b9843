using PostTraining.Api.Database;
using PostTraining.Data;

namespace PostTraining.Api.Cli;

/// <summary>
/// The database a writing CLI command works on, created and migrated: the configured one, or the private cluster the
/// run command uses when none is configured (stopped again on dispose).
/// </summary>
internal sealed class CliDatabase : IAsyncDisposable
{
    private readonly LocalPostgres.LocalPostgresCluster? _cluster;
    private readonly IHost _host;
    private readonly AsyncServiceScope _scope;

    private CliDatabase(LocalPostgres.LocalPostgresCluster? cluster, IHost host)
    {
        (_cluster, _host) = (cluster, host);
        _scope = host.Services.CreateAsyncScope();
        Db = _scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
    }

    public PostTrainingDbContext Db { get; }

    /// <summary>The command's host services (for a command that reads through the app's own services).</summary>
    public IServiceProvider Services => _host.Services;

    public static async Task<CliDatabase> OpenAsync(HostApplicationBuilder builder)
    {
        var (connectionString, cluster) = await DatabaseSetup.ResolveConnectionAsync(builder.Configuration, builder.Environment.ContentRootPath);
        try
        {
            builder.Services.AddPostTrainingData(connectionString);
            var host = builder.Build();
            var database = new CliDatabase(cluster, host);
            await DataServiceCollectionExtensions.EnsureDatabaseExistsAsync(connectionString);
            await DatabaseSetup.MigrateAsync(database.Db, host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PostTraining.Load"));
            return database;
        }
        catch when (cluster is not null)
        {
            await cluster.StopAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _scope.DisposeAsync();
        _host.Dispose();
        if (_cluster is not null)
        {
            await _cluster.StopAsync();
        }
    }
}
