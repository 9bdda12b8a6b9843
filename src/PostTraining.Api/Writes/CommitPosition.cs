using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using PostTraining.Data;

namespace PostTraining.Api.Writes;

/// <summary>
/// The primary's WAL position once a write has committed (<c>pg_current_wal_lsn()</c>, at or past the commit record):
/// the write's consistency token and the position its notification names. Read after COMMIT returned, since the
/// transaction itself cannot know where its commit record will land.
/// </summary>
public static class CommitPosition
{
    /// <summary>The position, or null when the database stopped answering right after the commit (the write stands).</summary>
    public static async Task<NpgsqlLogSequenceNumber?> ReadAsync(PostTrainingDbContext db, CancellationToken ct)
    {
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                return await ReadModel.PrimaryWal.ReadAsync((NpgsqlConnection)db.Database.GetDbConnection(), ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Puts the token on the answer when there is one.</summary>
    public static void Answer(HttpResponse response, NpgsqlLogSequenceNumber? committed)
    {
        if (committed is { } lsn)
        {
            Http.ConsistencyTokens.Answer(response, lsn);
        }
    }
}
