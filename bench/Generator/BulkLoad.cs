using System.Diagnostics;
using Npgsql;

namespace PostTraining.Bench.Generator;

/// <summary>
/// The usual PostgreSQL bulk-load order (the one pg_restore follows): drop the secondary indexes and foreign keys
/// of the tables being filled, COPY, then build the indexes once and add the foreign keys back, which validates
/// every row in one join instead of one lookup per row. Definitions are read from the catalog, so whatever the
/// migrations created is restored exactly; everything runs in the caller's transaction, so a failed import
/// leaves the database as it was.
/// </summary>
internal sealed class BulkLoad
{
    private static readonly string[] Tables = ["nodes", "technique_references", "relationships"];

    private readonly List<(string Table, string Name, string Definition)> _foreignKeys = [];
    private readonly List<(string Name, string Definition)> _indexes = [];

    public static async Task<BulkLoad> SuspendAsync(NpgsqlConnection connection)
    {
        var load = new BulkLoad();
        await using (var fks = new NpgsqlCommand(
                         "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint " +
                         "WHERE contype = 'f' AND conrelid::regclass::text = ANY($1)", connection))
        {
            fks.Parameters.AddWithValue(Tables);
            await using var reader = await fks.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                load._foreignKeys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        // Indexes that back a constraint (primary keys) stay: they are needed and cannot be dropped alone.
        await using (var indexes = new NpgsqlCommand(
                         "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.tablename = ANY($1) " +
                         "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)",
                         connection))
        {
            indexes.Parameters.AddWithValue(Tables);
            await using var reader = await indexes.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                load._indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (table, name, _) in load._foreignKeys)
        {
            await ExecuteAsync(connection, $"ALTER TABLE {table} DROP CONSTRAINT {Quote(name)}");
        }

        foreach (var (name, _) in load._indexes)
        {
            await ExecuteAsync(connection, $"DROP INDEX {Quote(name)}");
        }

        Console.WriteLine($"  suspended {load._indexes.Count} secondary indexes and {load._foreignKeys.Count} foreign keys for the load");
        return load;
    }

    public async Task RestoreAsync(NpgsqlConnection connection)
    {
        await ExecuteAsync(connection, "SET LOCAL maintenance_work_mem = '512MB'");
        var watch = Stopwatch.StartNew();
        foreach (var (name, definition) in _indexes)
        {
            await ExecuteAsync(connection, definition);
            Console.WriteLine($"  index {name} built ({watch.Elapsed.TotalSeconds:0.0} s)");
        }

        foreach (var (table, name, definition) in _foreignKeys)
        {
            await ExecuteAsync(connection, $"ALTER TABLE {table} ADD CONSTRAINT {Quote(name)} {definition}");
            Console.WriteLine($"  foreign key {name} validated ({watch.Elapsed.TotalSeconds:0.0} s)");
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }
}
