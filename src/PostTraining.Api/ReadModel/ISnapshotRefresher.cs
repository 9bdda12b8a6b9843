using NpgsqlTypes;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// Keeps the in-memory read model in step with the database. Writers call <see cref="RefreshAsync"/> after their
/// transaction commits and before they answer, with the WAL position read after the commit, so every later read in
/// this process sees the write; the implementation also tells other processes on the same database to refresh.
/// </summary>
public interface ISnapshotRefresher
{
    /// <param name="committed">The primary's WAL position after the commit (<c>pg_current_wal_lsn()</c>); null when
    /// unknown (a change made outside a write session), which reloads the snapshot whatever the change feed says.</param>
    /// <param name="cancellationToken">The caller's; the rebuild itself finishes even if the caller hangs up.</param>
    Task RefreshAsync(NpgsqlLogSequenceNumber? committed = null, CancellationToken cancellationToken = default);
}
