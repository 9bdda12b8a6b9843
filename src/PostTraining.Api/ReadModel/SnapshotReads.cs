using NpgsqlTypes;

namespace PostTraining.Api.ReadModel;

/// <summary>Which database a snapshot was read from: the primary, or the read replica (<c>ConnectionStrings:PostgresReplica</c>).</summary>
public enum SnapshotOrigin
{
    Primary,
    Replica,
}

/// <summary>
/// A full load: the rows, the change-feed mark, and the WAL position read just before the load's transaction began,
/// so the rows include every commit up to it (the snapshot's LSN is a lower bound of what it reflects).
/// </summary>
public sealed record SnapshotRead(SnapshotSource Source, long ChangeMark, NpgsqlLogSequenceNumber Lsn);

/// <summary>
/// A patch read: the delta, or <see cref="Unchanged"/> when the change feed holds nothing new (the snapshot then only
/// moves its LSN forward), or neither when only a full load will do; with the WAL position read before it, as above.
/// </summary>
public sealed record DeltaRead(SnapshotDelta? Delta, bool Unchanged, NpgsqlLogSequenceNumber Lsn);
