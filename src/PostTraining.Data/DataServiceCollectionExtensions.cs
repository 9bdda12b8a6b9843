using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace PostTraining.Data;

public static class DataServiceCollectionExtensions
{
    public const string MigrationsAssembly = "PostTraining.Migrations";

    /// <summary>Configures the options every PostTrainingDbContext uses, at run time, in tests and at design time.</summary>
    public static DbContextOptionsBuilder UsePostTrainingDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql
                .MigrationsAssembly(MigrationsAssembly)
                .MigrationsHistoryTable("__ef_migrations_history")
                .EnableRetryOnFailure(3, TimeSpan.FromSeconds(1), null))
            .UseSnakeCaseNamingConvention();

    /// <summary>Adds a pooled PostTrainingDbContext on the given connection string.</summary>
    public static IServiceCollection AddPostTrainingData(this IServiceCollection services, string connectionString)
    {
        services.AddDbContextPool<PostTrainingDbContext>(o => o.UsePostTrainingDatabase(connectionString));
        return services;
    }

    /// <summary>Makes sure the connection string's database exists, creating it from the maintenance database.</summary>
    public static async Task EnsureDatabaseExistsAsync(string connectionString, CancellationToken ct = default)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var database = builder.Database ?? throw new InvalidOperationException("The connection string names no database.");
        builder.Database = "postgres";
        builder.Pooling = false;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.AddWithValue(database);
        if (await exists.ExecuteScalarAsync(ct) is not null)
        {
            return;
        }

        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\" ENCODING 'UTF8' TEMPLATE template0", connection);
        try
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another process created it between our check and our create: that is what we wanted.
        }
    }
}
