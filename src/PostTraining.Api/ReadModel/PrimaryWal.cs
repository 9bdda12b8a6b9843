using Npgsql;
using NpgsqlTypes;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// The primary's current WAL position (<c>pg_current_wal_lsn()</c>): what a rebuild without a known target must reach,
/// and the bound past which a consistency token cannot have been handed out.
/// </summary>
public sealed class PrimaryWal(IConfiguration configuration)
{
    private string ConnectionString =>
        new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Postgres")) { Timeout = 3, CommandTimeout = 3 }.ConnectionString;

    public async Task<NpgsqlLogSequenceNumber> CurrentAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        return await ReadAsync(connection, ct);
    }

    /// <summary>The position on an open connection to the primary (a writer's own, right after its COMMIT).</summary>
    public static async Task<NpgsqlLogSequenceNumber> ReadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_current_wal_lsn()", connection);
        return (NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The position, or null when the primary does not answer (it is down: nothing new can have committed).</summary>
    public async Task<NpgsqlLogSequenceNumber?> TryCurrentAsync(CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await CurrentAsync(ct);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
            {
                if (attempt > 0)
                {
                    return null;
                }

                // After a restart of the primary the pool still holds connections to the old server: drop them, ask once more.
                NpgsqlConnection.ClearPool(new NpgsqlConnection(ConnectionString));
            }
        }
    }
}
