using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using PostTraining.Data;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// The optional read replica (<c>ConnectionStrings:PostgresReplica</c>: a hot standby, or an Npgsql multi-host string
/// with <c>Target Session Attributes=prefer-standby</c>) that snapshot loads and patches read from, so the primary only
/// takes writes, the change feed and LISTEN. A standby replays the primary's WAL a little later, so a refresh first
/// waits (up to <c>ReadModel:ReplicaWaitMilliseconds</c>) for its replay position to reach the change it is for.
/// </summary>
public sealed class ReadReplica
{
    /// <summary>How long a refresh waits for the replica to replay a change before it reads from the primary instead.</summary>
    public const int DefaultWaitMilliseconds = 1000;

    /// <summary>
    /// The replay position on a standby; on a server that is not in recovery (a multi-host string that landed on the
    /// primary) its current position. NULL before a standby replayed anything.
    /// </summary>
    public const string PositionSql =
        "SELECT CASE WHEN pg_is_in_recovery() THEN COALESCE(pg_last_wal_replay_lsn(), '0/0'::pg_lsn) ELSE pg_current_wal_lsn() END";

    private readonly string? _connectionString;
    private readonly string? _configured;
    private DbContextOptions<PostTrainingDbContext>? _options;
    private readonly ILogger<ReadReplica> _logger;
    private int _reachable = 1;

    public ReadReplica(IConfiguration configuration, ILogger<ReadReplica> logger)
    {
        _logger = logger;
        var configured = configuration.GetConnectionString("PostgresReplica");
        if (string.IsNullOrWhiteSpace(configured))
        {
            return;
        }

        // Prepared statements as on the primary (the loader's queries run after every write).
        var builder = new NpgsqlConnectionStringBuilder(configured);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 50;
            builder.AutoPrepareMinUsages = 2;
        }

        _connectionString = builder.ConnectionString;
        _configured = configured;
        WaitBound = TimeSpan.FromMilliseconds(configuration.GetValue("ReadModel:ReplicaWaitMilliseconds", DefaultWaitMilliseconds));
    }

    public bool IsConfigured => _configured is not null;

    public TimeSpan WaitBound { get; }

    /// <summary>
    /// A context on the replica, for one load; the caller disposes it. It shares the primary context's
    /// <paramref name="model"/>: EF Core binds a compiled query to the model it first ran with.
    /// </summary>
    public PostTrainingDbContext CreateContext(IModel model)
    {
        if (_connectionString is null)
        {
            throw new InvalidOperationException("No ConnectionStrings:PostgresReplica is configured.");
        }

        if (Volatile.Read(ref _options) is not { } options)
        {
            // No retries: a replica that fails is replaced by the primary at once, which is the faster retry.
            var builder = new DbContextOptionsBuilder<PostTrainingDbContext>();
            builder.UsePostTrainingDatabase(_connectionString)
                .UseNpgsql(_connectionString, npgsql => npgsql.ExecutionStrategy(d => new NonRetryingExecutionStrategy(d)))
                .UseModel(model);
            options = builder.Options;
            Volatile.Write(ref _options, options);
        }

        return new PostTrainingDbContext(options);
    }

    /// <summary>
    /// Waits until the replica has replayed <paramref name="target"/>: true then; false when the bound passed first or
    /// the replica does not answer (it is down), so the caller reads from the primary.
    /// </summary>
    public async Task<bool> WaitForAsync(NpgsqlLogSequenceNumber target, CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(WaitBound);
        var delay = TimeSpan.FromMilliseconds(2);
        NpgsqlLogSequenceNumber replayed = default;
        try
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(bounded.Token);
            await using var command = new NpgsqlCommand(PositionSql, connection);
            while (true)
            {
                replayed = (NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(bounded.Token))!;
                if (replayed >= target)
                {
                    Reachable();
                    return true;
                }

                await Task.Delay(delay, bounded.Token);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(50).Ticks));
            }
        }
        catch (Exception e) when (!ct.IsCancellationRequested && (e is OperationCanceledException || bounded.IsCancellationRequested))
        {
            Reachable();
            _logger.LogInformation("The read replica replayed {Replayed}, not {Target}, within {Bound} ms; reading from the primary",
                replayed, target, (int)WaitBound.TotalMilliseconds);
            return false;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            Unreachable(e);
            return false;
        }
    }

    /// <summary>A load from the replica failed part-way: its pooled connections may be dead ones, so they go.</summary>
    public void Failed(Exception e)
    {
        Unreachable(e);
    }

    private void Reachable()
    {
        if (Interlocked.Exchange(ref _reachable, 1) == 0)
        {
            _logger.LogInformation("The read replica answers again; snapshots load from it");
        }
    }

    private void Unreachable(Exception e)
    {
        NpgsqlConnection.ClearPool(new NpgsqlConnection(_connectionString));
        if (Interlocked.Exchange(ref _reachable, 0) == 1)
        {
            _logger.LogWarning("The read replica does not answer ({Error}); snapshots load from the primary until it does", e.Message);
        }
    }
}
