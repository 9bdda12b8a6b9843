using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace PostTraining.Bench.Generator;

internal sealed record SyntheticSize(int Techniques, int References, int Relationships);

/// <summary>
/// Generates the synthetic taxonomy deterministically from a seed and writes it with binary COPY: technique trees
/// under the paradigms, references each linked to one technique, and typed relationships between techniques.
/// Node ids are assigned here (COPY writes identity values as given), so parents and links can be written in the
/// same pass; the identity sequence is moved past them at the end.
/// </summary>
internal sealed class SyntheticTaxonomy(string connectionString, SyntheticSize size, int seed)
{
    private const int TopLevelPerParadigm = 40;
    private const int MaxDepth = 4;
    private const string Document = "synthetic (bench/Generator)";
    private static readonly string[] Roles = ["Introduces", "Defines", "Describes", "Uses"];

    private readonly DateTime _now = DateTime.UtcNow;

    public async Task WriteAsync()
    {
        // Bulk statements run for longer than Npgsql's default 30 s command timeout on a busy machine.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        if (await ScalarAsync<long>(connection, "SELECT count(*) FROM nodes WHERE slug LIKE 'syn-%'") > 0)
        {
            throw new InvalidOperationException("This database already holds synthetic data (slugs syn-...); use a fresh database.");
        }

        var paradigms = await SeedData.EnsureParadigmsAsync(connection);
        var types = await SeedData.EnsureRelationTypesAsync(connection);
        var baseId = await ScalarAsync<long>(connection, "SELECT coalesce(max(id), 0) FROM nodes");
        var random = new Random(seed);
        var tree = Tree.Build(random, size.Techniques, paradigms.Count, TopLevelPerParadigm, MaxDepth);
        Console.WriteLine($"  {paradigms.Count} paradigms, {types.Count} relation types, trees up to depth {tree.Depth.Max()}");

        var techniqueId = (int i) => baseId + 1 + i;
        var referenceId = (int k) => baseId + 1 + size.Techniques + k;

        var phases = Stopwatch.StartNew();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var bulk = await BulkLoad.SuspendAsync(connection);
            WriteTechniques(connection, tree, techniqueId, paradigms, random);
            WriteReferences(connection, referenceId, random);
            WriteTechniqueReferences(connection, techniqueId, referenceId, random);
            WriteRelationships(connection, tree, techniqueId, types, random);
            await bulk.RestoreAsync(connection);
            await ExecuteAsync(connection, "SELECT setval(pg_get_serial_sequence('nodes', 'id'), (SELECT max(id) FROM nodes))");
            await transaction.CommitAsync();
        }

        var analyze = Stopwatch.StartNew();
        await ExecuteAsync(connection, "ANALYZE");
        Console.WriteLine($"  ANALYZE in {analyze.Elapsed.TotalSeconds:0.0} s; rows written in {phases.Elapsed.TotalSeconds:0.0} s");
    }

    private void WriteTechniques(NpgsqlConnection connection, Tree tree, Func<int, long> id, IReadOnlyList<long> paradigms, Random random)
    {
        var progress = new Progress("techniques", size.Techniques);
        using var writer = connection.BeginBinaryImport(
            "COPY nodes (id, kind, slug, name_en, name_zh, abbreviation, aliases, description_en, description_zh, position, parent_id, " +
            "verified, created_at, updated_at, source_kind, source_document, technique_kind, paradigm_id, depth, year, lacks_reference) " +
            "FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < size.Techniques; i++)
        {
            var m = Words.Modifiers[random.Next(Words.Modifiers.Length)];
            var s = Words.Subjects[random.Next(Words.Subjects.Length)];
            var a = Words.Actions[random.Next(Words.Actions.Length)];
            var n = i + 1;
            var nameEn = $"{m.En} {s.En} {a.En} {n}";
            var nameZh = $"{m.Zh}{s.Zh}{a.Zh} {n}";

            writer.StartRow();
            writer.Write(id(i), NpgsqlDbType.Bigint);
            writer.Write("Technique", NpgsqlDbType.Varchar);
            writer.Write($"syn-t-{n}", NpgsqlDbType.Varchar);
            writer.Write(nameEn, NpgsqlDbType.Varchar);
            writer.Write(nameZh, NpgsqlDbType.Varchar);
            WriteOrNull(writer, random.Next(3) == 0 ? $"{m.En[0]}{s.En[0]}{a.En[0]}{n}" : null);
            writer.Write(random.Next(4) == 0 ? new[] { $"{s.En} {a.En} v{n}" } : [], NpgsqlDbType.Array | NpgsqlDbType.Text);
            writer.Write($"{nameEn} applies {m.En.ToLowerInvariant()} {s.En.ToLowerInvariant()} signals to {a.En.ToLowerInvariant()}; a synthetic entry of the scale benchmark.", NpgsqlDbType.Varchar);
            writer.Write($"{nameZh}：以{m.Zh}{s.Zh}信号进行{a.Zh}，为规模基准测试生成的合成条目。", NpgsqlDbType.Varchar);
            writer.Write(tree.Position[i], NpgsqlDbType.Integer);
            if (tree.Parent[i] < 0)
            {
                writer.WriteNull();
            }
            else
            {
                writer.Write(id(tree.Parent[i]), NpgsqlDbType.Bigint);
            }

            writer.Write(true, NpgsqlDbType.Boolean);
            writer.Write(_now, NpgsqlDbType.TimestampTz);
            writer.Write(_now, NpgsqlDbType.TimestampTz);
            writer.Write("Curated", NpgsqlDbType.Varchar);
            writer.Write(Document, NpgsqlDbType.Varchar);
            writer.Write(random.Next(5) < 2 ? "Method" : "Technique", NpgsqlDbType.Varchar);
            writer.Write(paradigms[tree.Paradigm[i]], NpgsqlDbType.Bigint);
            writer.Write(tree.Depth[i], NpgsqlDbType.Integer);
            writer.Write(2015 + random.Next(11), NpgsqlDbType.Integer);
            writer.Write(false, NpgsqlDbType.Boolean);
            progress.Report(n);
        }

        writer.Complete();
        progress.Done();
    }

    private void WriteReferences(NpgsqlConnection connection, Func<int, long> id, Random random)
    {
        var progress = new Progress("references", size.References);
        using var writer = connection.BeginBinaryImport(
            "COPY nodes (id, kind, slug, name_en, aliases, position, verified, created_at, updated_at, source_kind, source_document, " +
            "authors, year, venue, url, language) FROM STDIN (FORMAT BINARY)");
        for (var k = 0; k < size.References; k++)
        {
            var m = Words.Modifiers[random.Next(Words.Modifiers.Length)];
            var s = Words.Subjects[random.Next(Words.Subjects.Length)];
            var a = Words.Actions[random.Next(Words.Actions.Length)];
            var authors = new string[1 + random.Next(5)];
            for (var j = 0; j < authors.Length; j++)
            {
                authors[j] = $"{(char)('A' + random.Next(26))}. {Words.Surnames[random.Next(Words.Surnames.Length)]}";
            }

            var n = k + 1;
            writer.StartRow();
            writer.Write(id(k), NpgsqlDbType.Bigint);
            writer.Write("Reference", NpgsqlDbType.Varchar);
            writer.Write($"syn-ref-{n}", NpgsqlDbType.Varchar);
            writer.Write($"On {m.En} {s.En} {a.En} for Language Models ({n})", NpgsqlDbType.Varchar);
            writer.Write(Array.Empty<string>(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            writer.Write(0, NpgsqlDbType.Integer);
            writer.Write(true, NpgsqlDbType.Boolean);
            writer.Write(_now, NpgsqlDbType.TimestampTz);
            writer.Write(_now, NpgsqlDbType.TimestampTz);
            writer.Write("Curated", NpgsqlDbType.Varchar);
            writer.Write(Document, NpgsqlDbType.Varchar);
            writer.Write(authors, NpgsqlDbType.Array | NpgsqlDbType.Text);
            writer.Write(2015 + random.Next(11), NpgsqlDbType.Integer);
            writer.Write(Words.Venues[random.Next(Words.Venues.Length)], NpgsqlDbType.Varchar);
            writer.Write($"https://example.org/synthetic/{n}", NpgsqlDbType.Varchar);
            writer.Write("en", NpgsqlDbType.Varchar);
            progress.Report(n);
        }

        writer.Complete();
        progress.Done();
    }

    /// <summary>Each reference is cited by one technique, so the pairs are unique by construction.</summary>
    private void WriteTechniqueReferences(NpgsqlConnection connection, Func<int, long> techniqueId, Func<int, long> referenceId, Random random)
    {
        var progress = new Progress("technique references", size.References);
        using var writer = connection.BeginBinaryImport(
            "COPY technique_references (technique_id, reference_id, role, created_at, source_kind, source_document) FROM STDIN (FORMAT BINARY)");
        for (var k = 0; k < size.References; k++)
        {
            writer.StartRow();
            writer.Write(techniqueId(random.Next(size.Techniques)), NpgsqlDbType.Bigint);
            writer.Write(referenceId(k), NpgsqlDbType.Bigint);
            writer.Write(Roles[random.Next(Roles.Length)], NpgsqlDbType.Varchar);
            writer.Write(_now, NpgsqlDbType.TimestampTz);
            writer.Write("Curated", NpgsqlDbType.Varchar);
            writer.Write(Document, NpgsqlDbType.Varchar);
            progress.Report(k + 1);
        }

        writer.Complete();
        progress.Done();
    }

    /// <summary>
    /// Edges between techniques, 70% within a paradigm. Edges of acyclic or symmetric types always point from the
    /// later technique to the earlier one, so acyclic types stay acyclic and no symmetric pair is stored twice.
    /// </summary>
    private void WriteRelationships(NpgsqlConnection connection, Tree tree, Func<int, long> id, IReadOnlyList<RelationTypeInfo> types, Random random)
    {
        var progress = new Progress("relationships", size.Relationships);
        var seen = new HashSet<long>(size.Relationships);
        var paradigmCount = tree.ParadigmCount;
        using var writer = connection.BeginBinaryImport(
            "COPY relationships (type_id, source_id, target_id, verified, created_at, updated_at, source_kind, source_document) FROM STDIN (FORMAT BINARY)");
        var written = 0;
        while (written < size.Relationships)
        {
            var source = random.Next(size.Techniques);
            var target = random.Next(10) < 7
                ? Math.Min(random.Next(size.Techniques / paradigmCount) * paradigmCount + tree.Paradigm[source], size.Techniques - 1)
                : random.Next(size.Techniques);
            if (source == target)
            {
                continue;
            }

            var typeIndex = random.Next(types.Count);
            var type = types[typeIndex];
            if (type.Oriented && source < target)
            {
                (source, target) = (target, source);
            }

            if (!seen.Add(((long)source * size.Techniques + target) * 256 + typeIndex))
            {
                continue;
            }

            writer.StartRow();
            writer.Write(type.Id, NpgsqlDbType.Integer);
            writer.Write(id(source), NpgsqlDbType.Bigint);
            writer.Write(id(target), NpgsqlDbType.Bigint);
            writer.Write(true, NpgsqlDbType.Boolean);
            writer.Write(_now, NpgsqlDbType.TimestampTz);
            writer.Write(_now, NpgsqlDbType.TimestampTz);
            writer.Write("Curated", NpgsqlDbType.Varchar);
            writer.Write(Document, NpgsqlDbType.Varchar);
            progress.Report(++written);
        }

        writer.Complete();
        progress.Done();
    }

    private static void WriteOrNull(NpgsqlBinaryImporter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value, NpgsqlDbType.Varchar);
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }
}
