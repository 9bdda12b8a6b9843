using Npgsql;
using NpgsqlTypes;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// The primary's current WAL position (<c>pg_current_wal_lsn()</c>): what a rebuild without a known target must reach,
/// and the bound past which a consistency token cannot have been handed out.
/// </summary>
public sealed class PrimaryWal(IConfiguration configuration)
{
    public async Task<NpgsqlLogSequenceNumber> CurrentAsync(CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("Postgres")) { Timeout = 3, CommandTimeout = 3 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT pg_current_wal_lsn()", connection);
        return (NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The position, or null when the primary does not answer (it is down: nothing new can have committed).</summary>
    public async Task<NpgsqlLogSequenceNumber?> TryCurrentAsync(CancellationToken ct)
    {
        try
        {
            return await CurrentAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return null;
        }
    }
}
