using Npgsql;

namespace PostTraining.Bench.Generator;

internal sealed record RelationTypeInfo(int Id, string Slug, bool Oriented);

/// <summary>
/// What the synthetic data hangs from: the database's paradigms and relation types, normally loaded from the seed
/// data by the API. On a database that has none, the five paradigms and a few relation types are created.
/// </summary>
internal static class SeedData
{
    private static readonly (string Slug, string En, string Zh)[] Paradigms =
    [
        ("fine-tuning", "Fine-Tuning", "微调"), ("alignment", "Alignment", "对齐"), ("reasoning", "Reasoning", "推理"),
        ("efficiency", "Efficiency", "效率"), ("integration-and-adaptation", "Integration and Adaptation", "集成与适应"),
    ];

    private static readonly (string Slug, string En, string Zh, string InverseEn, string InverseZh, bool Symmetric, bool Acyclic)[] RelationTypes =
    [
        ("variant-of", "variant of", "变体", "has variant", "有变体", false, true),
        ("builds-on", "builds on", "基于", "is built on by", "被其扩展", false, true),
        ("alternative-to", "alternative to", "替代", "alternative to", "替代", true, false),
        ("improves-on", "improves on", "改进", "is improved on by", "被其改进", false, false),
        ("related-to", "related to", "相关", "related to", "相关", true, false),
    ];

    public static async Task<IReadOnlyList<long>> EnsureParadigmsAsync(NpgsqlConnection connection)
    {
        var ids = await ReadIdsAsync(connection);
        if (ids.Count > 0)
        {
            return ids;
        }

        for (var i = 0; i < Paradigms.Length; i++)
        {
            var (slug, en, zh) = Paradigms[i];
            await using var insert = new NpgsqlCommand(
                "INSERT INTO nodes (kind, slug, name_en, name_zh, aliases, position, verified, created_at, updated_at, source_kind, source_document) " +
                "VALUES ('Paradigm', $1, $2, $3, '{}', $4, true, now(), now(), 'Curated', 'synthetic (bench/Generator)')", connection);
            insert.Parameters.AddWithValue(slug);
            insert.Parameters.AddWithValue(en);
            insert.Parameters.AddWithValue(zh);
            insert.Parameters.AddWithValue(i + 1);
            await insert.ExecuteNonQueryAsync();
        }

        return await ReadIdsAsync(connection);
    }

    public static async Task<IReadOnlyList<RelationTypeInfo>> EnsureRelationTypesAsync(NpgsqlConnection connection)
    {
        var types = await ReadTypesAsync(connection);
        if (types.Count > 0)
        {
            return types;
        }

        foreach (var t in RelationTypes)
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO relation_types (slug, name_en, name_zh, inverse_name_en, inverse_name_zh, \"symmetric\", transitive, acyclic, prerequisite, created_at) " +
                "VALUES ($1, $2, $3, $4, $5, $6, false, $7, false, now())", connection);
            foreach (var value in new object[] { t.Slug, t.En, t.Zh, t.InverseEn, t.InverseZh, t.Symmetric, t.Acyclic })
            {
                insert.Parameters.AddWithValue(value);
            }

            await insert.ExecuteNonQueryAsync();
        }

        return await ReadTypesAsync(connection);
    }

    private static async Task<List<long>> ReadIdsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT id FROM nodes WHERE kind = 'Paradigm' ORDER BY position, id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<long>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private static async Task<List<RelationTypeInfo>> ReadTypesAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT id, slug, \"symmetric\" OR acyclic FROM relation_types ORDER BY id", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var types = new List<RelationTypeInfo>();
        while (await reader.ReadAsync())
        {
            types.Add(new RelationTypeInfo(reader.GetInt32(0), reader.GetString(1), reader.GetBoolean(2)));
        }

        return types;
    }
}
