using System.Net.Http.Headers;
using Npgsql;

namespace PostTraining.Api.Tests.Infrastructure;

/// <summary>
/// The read-replica topology on real processes: a PostgreSQL primary of its own (so faults disturb no other test), a
/// streaming hot standby made from it with <c>pg_basebackup -R</c>, API process A on the primary alone, and API
/// process B reading its snapshots from the standby (writes, LISTEN and the change feed on the primary). B waits for
/// the standby up to <see cref="ReplicaWait"/> before it reads from the primary, and holds a token read up to
/// <see cref="ConsistencyWait"/>: shorter, so that a lagging standby shows as 503s before the fallback ends them.
/// </summary>
public sealed class ReplicatedApis : IAsyncLifetime
{
    public static readonly TimeSpan ReplicaWait = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan ConsistencyWait = TimeSpan.FromSeconds(1);
    private const string Database = "replicated";

    public PrivateCluster Primary { get; private set; } = null!;
    public PrivateCluster Standby { get; private set; } = null!;
    public ApiProcess A { get; private set; } = null!;
    public ApiProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Primary = await PrivateCluster.StartAsync("posttraining-replicas");
        Standby = await Primary.StartStandbyAsync();
        A = await ApiProcess.StartAsync(Primary.Cluster.ConnectionString(Database));
        B = await ApiProcess.StartAsync(Primary.Cluster.ConnectionString(Database), new Dictionary<string, string>
        {
            ["ConnectionStrings__PostgresReplica"] = Standby.Cluster.ConnectionString(Database),
            ["ReadModel__ReplicaWaitMilliseconds"] = ((int)ReplicaWait.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ReadModel__ConsistencyWaitMilliseconds"] = ((int)ConsistencyWait.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public HttpClient Client(ApiProcess process)
    {
        var client = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.AdminKey);
        return client;
    }

    /// <summary>Runs one statement on the standby as a superuser (e.g. pausing WAL replay).</summary>
    public async Task OnStandbyAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Standby.Cluster.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        // Each step on its own, so one failing still stops the rest.
        foreach (var step in new Func<ValueTask>[]
        {
            () => B?.DisposeAsync() ?? ValueTask.CompletedTask,
            () => A?.DisposeAsync() ?? ValueTask.CompletedTask,
            () => Standby?.DisposeAsync() ?? ValueTask.CompletedTask,
            () => Primary?.DisposeAsync() ?? ValueTask.CompletedTask,
        })
        {
            try
            {
                await step();
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
            }
        }
    }
}
