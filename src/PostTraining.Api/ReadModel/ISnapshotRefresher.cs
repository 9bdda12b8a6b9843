namespace PostTraining.Api.ReadModel;

/// <summary>
/// Keeps the in-memory read model in step with the database. Writers call <see cref="RefreshAsync"/> after their
/// transaction commits and before they answer, so every later read in this process sees the write; the
/// implementation also tells other processes on the same database to refresh.
/// </summary>
public interface ISnapshotRefresher
{
    Task RefreshAsync(CancellationToken cancellationToken = default);
}
