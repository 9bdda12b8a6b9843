using System.Text.Json;
using System.Text.Json.Nodes;
using PostTraining.Data.Content;

namespace PostTraining.Data.Seed;

/// <summary>Where a merged entry was written: the file and the JSON Pointer of the entry in it.</summary>
public sealed record EntryOrigin(DataFile File, string Pointer)
{
    public int? Line => File.Lines.LineOf(Pointer);

    public DataFileError Error(string reason, string? member = null) =>
        File.Error(member is null ? Pointer : $"{Pointer}/{member}", reason);
}

/// <summary>One entry after merging every file that mentions its (kind, key); the first file's values win field by field.</summary>
public sealed record Merged<T>(string Key, T Entry, IReadOnlyList<EntryOrigin> Origins)
{
    /// <summary>True when the source document (seed.json) supplies the entry: its provenance is the document.</summary>
    public bool FromDocument => Origins[0].File.IsDocumentSeed;

    public EntryOrigin Origin => Origins[0];
}

/// <summary>
/// The content of the seed file, the curated file and any further files, merged by (kind, slug) and checked for
/// consistency. Merge rule: files are taken in order (the document's seed first); for each member the first file that
/// sets it wins (so the document wins for names, and the curated layer adds what the document lacks); lists are
/// united, technique references by their reference slug.
/// </summary>
public sealed class DataSet
{
    private DataSet(IReadOnlyList<DataFile> files)
    {
        Files = files;
        Hash = DataFile.Hash(files);
        Document = files.Select(f => f.Content.Document).FirstOrDefault(d => d is not null);
    }

    public IReadOnlyList<DataFile> Files { get; }

    /// <summary>Fingerprint of every file's name and bytes.</summary>
    public string Hash { get; }

    public DocumentEntry? Document { get; }

    public IReadOnlyList<Merged<RelationTypeContent>> RelationTypes { get; private set; } = [];
    public IReadOnlyList<Merged<ParadigmEntry>> Paradigms { get; private set; } = [];
    public IReadOnlyList<Merged<TechniqueEntry>> Techniques { get; private set; } = [];
    public IReadOnlyList<Merged<ReferenceEntry>> References { get; private set; } = [];
    public IReadOnlyList<Merged<FormulaEntry>> Formulas { get; private set; } = [];
    public IReadOnlyList<Merged<ModelEntry>> Models { get; private set; } = [];
    public IReadOnlyList<Merged<DatasetEntry>> Datasets { get; private set; } = [];
    public IReadOnlyList<Merged<LimitationEntry>> Limitations { get; private set; } = [];
    public IReadOnlyList<Merged<ApplicationEntry>> Applications { get; private set; } = [];
    public IReadOnlyList<Merged<RelationshipContent>> Relationships { get; private set; } = [];
    public IReadOnlyList<Merged<ComparisonContent>> Comparisons { get; private set; } = [];

    /// <summary>Reads, merges and checks the files; throws <see cref="DataFileException"/> listing every problem.</summary>
    public static DataSet Load(IEnumerable<string> paths)
    {
        var files = new List<DataFile>();
        var errors = new List<DataFileError>();
        foreach (var path in paths)
        {
            try
            {
                files.Add(DataFile.Read(path));
            }
            catch (DataFileException e)
            {
                errors.AddRange(e.Errors);
            }
        }

        if (errors.Count > 0)
        {
            throw new DataFileException(errors);
        }

        return From(files);
    }

    public static DataSet From(IReadOnlyList<DataFile> files)
    {
        var set = new DataSet(files);
        var errors = new List<DataFileError>();
        set.RelationTypes = Merge<RelationTypeContent>(files, "relationTypes", SlugKey, errors);
        set.Paradigms = Merge<ParadigmEntry>(files, "paradigms", SlugKey, errors);
        set.Techniques = Merge<TechniqueEntry>(files, "techniques", SlugKey, errors);
        set.References = Merge<ReferenceEntry>(files, "references", SlugKey, errors);
        set.Formulas = Merge<FormulaEntry>(files, "formulas", SlugKey, errors);
        set.Models = Merge<ModelEntry>(files, "models", SlugKey, errors);
        set.Datasets = Merge<DatasetEntry>(files, "datasets", SlugKey, errors);
        set.Limitations = Merge<LimitationEntry>(files, "limitations", SlugKey, errors);
        set.Applications = Merge<ApplicationEntry>(files, "applications", SlugKey, errors);
        set.Relationships = Merge<RelationshipContent>(files, "relationships", RelationshipKey, errors);
        set.Comparisons = Merge<ComparisonContent>(files, "comparisons", SlugKey, errors);
        if (errors.Count == 0)
        {
            errors.AddRange(DataSetChecks.Check(set));
        }

        if (errors.Count > 0)
        {
            throw new DataFileException(errors);
        }

        return set;
    }

    private static string? SlugKey(JsonObject entry) => (string?)entry["slug"];

    private static string? RelationshipKey(JsonObject entry) => $"{(string?)entry["type"]} {(string?)entry["source"]} {(string?)entry["target"]}";

    private static List<Merged<T>> Merge<T>(IReadOnlyList<DataFile> files, string collection, Func<JsonObject, string?> key, List<DataFileError> errors)
    {
        var order = new List<string>();
        var merged = new Dictionary<string, (JsonObject Json, List<EntryOrigin> Origins)>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (file.Root[collection] is not JsonArray list)
            {
                continue;
            }

            var seenInFile = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < list.Count; i++)
            {
                var entry = (JsonObject)list[i]!;
                var origin = new EntryOrigin(file, $"/{collection}/{i}");
                var k = key(entry)!;
                if (seenInFile.TryGetValue(k, out var first))
                {
                    errors.Add(origin.Error($"duplicate entry: {collection}[{first}] has the same key '{k}'"));
                    continue;
                }

                seenInFile[k] = i;
                if (merged.TryGetValue(k, out var existing))
                {
                    MergeInto(existing.Json, entry);
                    existing.Origins.Add(origin);
                }
                else
                {
                    order.Add(k);
                    merged[k] = ((JsonObject)entry.DeepClone(), [origin]);
                }
            }
        }

        return [.. order.Select(k => new Merged<T>(k, merged[k].Json.Deserialize<T>(ContentJson.Options)!, merged[k].Origins))];
    }

    /// <summary>Adds to <paramref name="target"/> what <paramref name="later"/> has and it lacks; the earlier value wins.</summary>
    private static void MergeInto(JsonObject target, JsonObject later)
    {
        foreach (var (name, value) in later)
        {
            if (value is null)
            {
                continue;
            }

            var current = target[name];
            if (current is null)
            {
                target[name] = value.DeepClone();
            }
            else if (current is JsonObject currentObject && value is JsonObject laterObject)
            {
                MergeInto(currentObject, laterObject);
            }
            else if (current is JsonArray currentArray && value is JsonArray laterArray)
            {
                foreach (var item in laterArray)
                {
                    if (!currentArray.Any(c => SameItem(c, item)))
                    {
                        currentArray.Add(item?.DeepClone());
                    }
                }
            }
        }
    }

    /// <summary>Technique references are the same item when they name the same reference; anything else when equal.</summary>
    private static bool SameItem(JsonNode? a, JsonNode? b) =>
        a is JsonObject ao && b is JsonObject bo && ao["reference"] is not null && bo["reference"] is not null
            ? JsonNode.DeepEquals(ao["reference"], bo["reference"])
            : JsonNode.DeepEquals(a, b);
}
