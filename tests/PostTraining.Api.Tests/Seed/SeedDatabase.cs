using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PostTraining.Data;
using PostTraining.Data.Seed;

namespace PostTraining.Api.Tests.Seed;

/// <summary>What the seed tests read from the database: row versions, counts, and a loader on the app's own DbContext.</summary>
internal static class SeedDatabase
{
    /// <summary>The shipped files, as start-up loads them.</summary>
    public static DataSet ShippedData() => DataSet.Load(DataFiles.Paths());

    public static async Task<T> WithDbAsync<T>(IServiceProvider services, Func<PostTrainingDbContext, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>());
    }

    public static Task<LoadReport> LoadAsync(IServiceProvider services, DataSet data) =>
        WithDbAsync(services, db => new SeedLoader(db).LoadAsync(data));

    /// <summary>Every written row's xmin, keyed by table and primary key: any write to any row changes this.</summary>
    public static Task<Dictionary<string, uint>> RowVersionsAsync(IServiceProvider services) =>
        WithDbAsync(services, async db =>
        {
            var rows = await db.Database.SqlQueryRaw<RowVersion>("""
                SELECT 'nodes/' || id AS "Key", xmin::text::bigint AS "Version" FROM nodes
                UNION ALL SELECT 'relation_types/' || id, xmin::text::bigint FROM relation_types
                UNION ALL SELECT 'relationships/' || id, xmin::text::bigint FROM relationships
                UNION ALL SELECT 'technique_references/' || technique_id || '/' || reference_id, xmin::text::bigint FROM technique_references
                UNION ALL SELECT 'changes/' || id, xmin::text::bigint FROM changes
                UNION ALL SELECT 'data_loads/' || id, xmin::text::bigint FROM data_loads
                """).ToListAsync();
            return rows.ToDictionary(r => r.Key, r => (uint)r.Version);
        });

    public sealed record RowVersion(string Key, long Version);
}
