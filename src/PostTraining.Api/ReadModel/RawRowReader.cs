using System.Data.Common;
using Npgsql;
using PostTraining.Data.Entities;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// Reads the three big tables (techniques and references in <c>nodes</c>, <c>technique_references</c>,
/// <c>relationships</c>) with plain Npgsql readers by column ordinal. EF's materializer was most of a 21 s load at
/// 100k techniques / 1M relationships; a reader streams the same rows in a fraction of that. Repeated strings
/// (provenance, enum names) are shared, so a million rows do not hold a million copies of the same section title.
/// </summary>
internal sealed class RawRowReader(NpgsqlConnection connection)
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

    private const string NodeColumns =
        "id, slug, name_en, name_zh, abbreviation, aliases, description_en, description_zh, position, parent_id, verified, " +
        "source_kind, source_document, source_section, source_reference_id, source_original, created_at, updated_at, xmin";

    // Each read takes the ids to read (for a patch after a few writes), or null for the whole table.
    public async Task ReadTechniquesAsync(List<NodeRow> into, long[]? ids, CancellationToken ct)
    {
        var sql = $"SELECT {NodeColumns}, paradigm_id, technique_kind, year, lacks_reference FROM nodes WHERE kind = 'Technique'{IdFilter(ids, "id")}";
        await using var command = Command(sql, ids);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            into.Add(ReadNode(reader, NodeKind.Technique) with
            {
                ParadigmId = NullableLong(reader, 19),
                TechniqueKind = reader.IsDBNull(20) ? TechniqueKind.Technique : Enum.Parse<TechniqueKind>(reader.GetString(20)),
                Year = NullableInt(reader, 21),
                LacksReference = !reader.IsDBNull(22) && reader.GetBoolean(22),
            });
        }
    }

    public async Task ReadReferencesAsync(List<NodeRow> into, long[]? ids, CancellationToken ct)
    {
        var sql = $"SELECT {NodeColumns}, year, authors, venue, url, arxiv_id, language, doi, authors_truncated FROM nodes WHERE kind = 'Reference'{IdFilter(ids, "id")}";
        await using var command = Command(sql, ids);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            into.Add(ReadNode(reader, NodeKind.Reference) with
            {
                Year = NullableInt(reader, 19),
                Authors = reader.IsDBNull(20) ? [] : SharedAll(reader.GetFieldValue<string[]>(20)),
                Venue = Shared(reader, 21),
                Url = Text(reader, 22),
                ArxivId = Text(reader, 23),
                Language = Shared(reader, 24),
                Doi = Text(reader, 25),
                AuthorsTruncated = !reader.IsDBNull(26) && reader.GetBoolean(26),
            });
        }
    }

    /// <summary>Every link, or those of the given techniques.</summary>
    public async Task<List<TechniqueReferenceRow>> ReadLinksAsync(long[]? techniqueIds, CancellationToken ct)
    {
        var links = new List<TechniqueReferenceRow>();
        var sql = "SELECT technique_id, reference_id, role FROM technique_references WHERE true" + IdFilter(techniqueIds, "technique_id");
        await using var command = Command(sql, techniqueIds);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var roles = new Dictionary<string, ReferenceRole>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            var name = reader.GetString(2);
            if (!roles.TryGetValue(name, out var role))
            {
                roles[name] = role = Enum.Parse<ReferenceRole>(name);
            }

            links.Add(new TechniqueReferenceRow(reader.GetInt64(0), reader.GetInt64(1), role));
        }

        return links;
    }

    /// <summary>Relationships in id order: all, or those with the given ids.</summary>
    public async Task<List<RelationshipRow>> ReadRelationshipsAsync(long[]? ids, CancellationToken ct)
    {
        var edges = new List<RelationshipRow>();
        var sql =
            "SELECT id, type_id, source_id, target_id, note_en, note_zh, verified, source_kind, source_document, " +
            $"source_section, source_reference_id, source_original, created_at, updated_at, xmin FROM relationships WHERE true{IdFilter(ids, "id")} ORDER BY id";
        await using var command = Command(sql, ids);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            edges.Add(new RelationshipRow
            {
                Id = reader.GetInt64(0),
                TypeId = reader.GetInt32(1),
                SourceId = reader.GetInt64(2),
                TargetId = reader.GetInt64(3),
                NoteEn = Text(reader, 4),
                NoteZh = Text(reader, 5),
                Verified = reader.GetBoolean(6),
                Source = ReadSource(reader, 7),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(12),
                UpdatedAt = reader.GetFieldValue<DateTimeOffset>(13),
                Version = reader.GetFieldValue<uint>(14),
            });
        }

        return edges;
    }

    private static string IdFilter(long[]? ids, string column) => ids is null ? "" : $" AND {column} = ANY($1)";

    private NpgsqlCommand Command(string sql, long[]? ids)
    {
        var command = new NpgsqlCommand(sql, connection);
        if (ids is not null)
        {
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = ids });
        }

        return command;
    }

    private NodeRow ReadNode(DbDataReader reader, NodeKind kind) => new()
    {
        Id = reader.GetInt64(0),
        Kind = kind,
        Slug = reader.GetString(1),
        NameEn = Text(reader, 2),
        NameZh = Text(reader, 3),
        Abbreviation = Text(reader, 4),
        Aliases = reader.IsDBNull(5) ? [] : EmptyIfNone(reader.GetFieldValue<string[]>(5)),
        DescriptionEn = Text(reader, 6),
        DescriptionZh = Text(reader, 7),
        Position = reader.GetInt32(8),
        ParentId = NullableLong(reader, 9),
        Verified = reader.GetBoolean(10),
        Source = ReadSource(reader, 11),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(16),
        UpdatedAt = reader.GetFieldValue<DateTimeOffset>(17),
        Version = reader.GetFieldValue<uint>(18),
    };

    // Most rows share one of a handful of provenances (e.g. every generated or API-made row): share the object too.
    private readonly Dictionary<(SourceKind, string?, string?, long?, string?), SourceRow> _sources = [];

    private SourceRow ReadSource(DbDataReader reader, int at)
    {
        var key = (ParseSourceKind(reader.GetString(at)), Shared(reader, at + 1), Shared(reader, at + 2), NullableLong(reader, at + 3), Text(reader, at + 4));
        if (!_sources.TryGetValue(key, out var source))
        {
            source = key.Item1 == SourceKind.Api && key.Item2 is null && key.Item3 is null && key.Item4 is null && key.Item5 is null
                ? SourceRow.Api
                : new SourceRow(key.Item1, key.Item2, key.Item3, key.Item4, key.Item5);
            if (_sources.Count < 100_000)
            {
                _sources[key] = source;
            }
        }

        return source;
    }

    private static SourceKind ParseSourceKind(string name) => name switch
    {
        "Document" => SourceKind.Document,
        "Curated" => SourceKind.Curated,
        "Api" => SourceKind.Api,
        _ => Enum.Parse<SourceKind>(name),
    };

    private static IReadOnlyList<string> EmptyIfNone(string[] values) => values.Length == 0 ? [] : values;

    private static string? Text(DbDataReader reader, int at) => reader.IsDBNull(at) ? null : reader.GetString(at);

    /// <summary>A string many rows repeat (provenance, venue, language): one copy for all.</summary>
    private string? Shared(DbDataReader reader, int at)
    {
        if (reader.IsDBNull(at))
        {
            return null;
        }

        return Share(reader.GetString(at));
    }

    private string Share(string value)
    {
        if (_strings.TryGetValue(value, out var shared))
        {
            return shared;
        }

        if (_strings.Count < 100_000)
        {
            _strings[value] = value;
        }

        return value;
    }

    /// <summary>Author names repeat across papers: the same copy of each for all (tens of MB at 300k references).</summary>
    private string[] SharedAll(string[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Share(values[i]);
        }

        return values;
    }

    private static long? NullableLong(DbDataReader reader, int at) => reader.IsDBNull(at) ? null : reader.GetInt64(at);

    private static int? NullableInt(DbDataReader reader, int at) => reader.IsDBNull(at) ? null : reader.GetInt32(at);
}
