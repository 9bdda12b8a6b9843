using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PostTraining.Api.ReadModel;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.ReadModel;

/// <summary>
/// Counts the SQL commands behind reads through Npgsql's tracing (one activity per command), keeping only this
/// class's database so other test classes running in parallel do not count.
/// </summary>
public sealed class SqlCommandCountTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TechniqueDetailAndListPagesRunNoSqlAtAll()
    {
        var client = api.CreateClient();
        var commands = await CountCommandsAsync(async () =>
        {
            foreach (var slug in new[] { "dpo", "rlhf", "lora", "grpo", "peft" })
            {
                await client.GetJsonAsync($"/api/v1/techniques/{slug}");
            }

            await client.GetJsonAsync("/api/v1/techniques?paradigm=alignment&limit=50");
            await client.GetJsonAsync("/api/v1/references?limit=50");
            await client.GetJsonAsync("/api/v1/search?q=dpo");
        });
        Assert.Empty(commands);
    }

    [Fact]
    public async Task ASnapshotRebuildIsAFixedNumberOfSetBasedQueries()
    {
        var snapshot = api.Services.GetRequiredService<SnapshotHolder>().Required;
        Assert.True(snapshot.NodeCount > 200, $"{snapshot.NodeCount} nodes");
        var commands = await CountCommandsAsync(() => api.Services.GetRequiredService<SnapshotRefresher>().RebuildAsync());
        // The queries plus BEGIN/COMMIT; with hundreds of entities, any per-entity query would show here.
        Assert.True(commands.Count >= SnapshotLoader.QueryCount && commands.Count <= SnapshotLoader.QueryCount + 3, string.Join(" | ", commands));
    }

    private async Task<List<string>> CountCommandsAsync(Func<Task> action)
    {
        // The change listener's own catch-up query after start-up must not land in the counting window.
        await api.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<SnapshotListener>().Single().Listening
            .WaitAsync(TimeSpan.FromSeconds(30));
        var database = new NpgsqlConnectionStringBuilder(api.ConnectionString).Database!;
        var commands = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Npgsql", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // The webhook dispatcher fans changes out after every swap on its own connection: not the read model's.
                var webhookWork = activity.TagObjects.Any(t => t.Value is string text
                    && (text.Contains("webhook_", StringComparison.Ordinal) || text.Contains("subscriptions", StringComparison.Ordinal)));
                if (activity.TagObjects.Any(t => Equals(t.Value, database)) && !webhookWork)
                {
                    commands.Enqueue(activity.DisplayName);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        await action();
        return [.. commands];
    }
}
