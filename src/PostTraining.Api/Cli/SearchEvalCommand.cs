using PostTraining.Api.Database;
using PostTraining.Api.ReadModel;
using PostTraining.Api.Search;
using PostTraining.Data.Seed;

namespace PostTraining.Api.Cli;

/// <summary>
/// <c>search-eval &lt;judgments.json&gt;</c>: scores the search over the seeded data against a judgments file (the
/// format of shared/guide/search-judgments.json) and prints success@1, success@3 and each query's first answer. The
/// database is migrated and loaded as the web host would at start, then read into a snapshot like the one it serves.
/// Exits 0 whatever the scores (it measures; the tests hold the thresholds), 1 on an unreadable file.
/// </summary>
internal static class SearchEvalCommand
{
    private const string Usage = "usage: search-eval <judgments.json> [--ConnectionStrings:Postgres=<connection string>]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"search-eval: which judgments file?{Environment.NewLine}{Usage}");
            return 2;
        }

        SearchJudgments judgments;
        try
        {
            judgments = SearchJudgments.Load(args[0]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException)
        {
            await Console.Error.WriteLineAsync($"search-eval: {e.Message}");
            return 1;
        }

        var builder = Host.CreateApplicationBuilder(args[1..]);
        // Standard output is the report: the host's log lines go to standard error.
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        await using var database = await CliDatabase.OpenAsync(builder);
        var logger = database.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PostTraining.SearchEval");
        await DatabaseSetup.LoadDataIfNeededAsync(database.Db, DataFiles.Paths(builder.Configuration[DatabaseSetup.DataDirectoryKey]), logger);

        var loader = ActivatorUtilities.CreateInstance<SnapshotLoader>(database.Services);
        var (source, changeMark) = await loader.LoadAsync(CancellationToken.None);
        var snapshot = TaxonomySnapshot.Build(source, changeMark: changeMark);
        var evaluation = SearchEvaluation.Run(SnapshotSearch.Full(snapshot), judgments);
        Console.Write(evaluation.Report());
        return 0;
    }
}
