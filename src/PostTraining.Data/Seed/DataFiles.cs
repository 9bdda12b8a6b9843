namespace PostTraining.Data.Seed;

/// <summary>
/// Where the shipped data files are: a <c>data</c> folder beside the application's assemblies (the build copies
/// data/seed.json and data/curated.json there), so the app finds them whatever folder it is started from.
/// </summary>
public static class DataFiles
{
    public const string SeedFileName = "seed.json";
    public const string CuratedFileName = "curated.json";

    /// <summary>Built by tools/curation/build.py from the survey's structured facts (bibliography, methods).</summary>
    public const string SurveyFileName = "survey.json";

    /// <summary>Built by the same script from TRL's paper index and the Awesome RL for LRMs list.</summary>
    public const string PostSurveyFileName = "post-survey.json";

    /// <summary>Built by the same script from the survey's comparison tables (tables.json).</summary>
    public const string ComparisonsFileName = "comparisons.json";

    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>
    /// The files a load reads, in merge order: the document's seed, the hand-curated layer, the survey's and the
    /// post-survey lists' generated layers, the survey's comparison tables, then any extra files. Earlier files win
    /// member by member.
    /// </summary>
    public static IReadOnlyList<string> Paths(string? directory = null, IEnumerable<string>? extraFiles = null)
    {
        var dir = string.IsNullOrWhiteSpace(directory) ? DefaultDirectory : directory;
        return [Path.Combine(dir, SeedFileName), Path.Combine(dir, CuratedFileName), Path.Combine(dir, SurveyFileName),
            Path.Combine(dir, PostSurveyFileName), Path.Combine(dir, ComparisonsFileName), .. extraFiles ?? []];
    }

    /// <summary>The fingerprint <see cref="DataSet.Hash"/> would give, from the raw files, without parsing them.</summary>
    public static string Hash(IEnumerable<string> paths)
    {
        var files = new List<(string, byte[])>();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new DataFileException([new DataFileError(path, null, null, "the file does not exist")]);
            }

            files.Add((Path.GetFileName(path), File.ReadAllBytes(path)));
        }

        return DataFile.Hash(files);
    }
}
