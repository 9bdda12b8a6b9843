using Microsoft.EntityFrameworkCore;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Data.Seed;

namespace PostTraining.Api.Tests.Seed;

/// <summary>Bad data stops the load with file, line and reason, and leaves the database exactly as it was.</summary>
public sealed class BadDataTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>The shipped curated file with its first relationship pointing at a technique that does not exist.</summary>
    private static string BrokenCuratedFolder(out int line)
    {
        var brokenLine = 0;
        var dir = TempDataFiles.CopyOfShipped(curated =>
        {
            var lines = curated.Split('\n');
            var relationships = Array.FindIndex(lines, l => l.Contains("\"relationships\"", StringComparison.Ordinal));
            var target = Array.FindIndex(lines, relationships, l => l.Contains("\"target\":", StringComparison.Ordinal));
            lines[target] = "      \"target\": \"technique:no-such-technique\",";
            brokenLine = target + 1;
            return string.Join('\n', lines);
        });
        line = brokenLine;
        return dir;
    }

    [Fact]
    public async Task AMalformedCuratedFileStopsTheLoadAndLeavesTheDatabaseAsItWas()
    {
        var dir = BrokenCuratedFolder(out var line);
        var before = await SeedDatabase.RowVersionsAsync(api.Services);

        var e = Assert.Throws<DataFileException>(() => DataSet.Load(DataFiles.Paths(dir)));

        var error = Assert.Single(e.Errors);
        Assert.Equal(("curated.json", line), (error.File, error.Line));
        Assert.Equal("unknown technique 'no-such-technique'", error.Reason);
        Assert.StartsWith("relationships[0]", error.Entry, StringComparison.Ordinal);
        Assert.Equal(before, await SeedDatabase.RowVersionsAsync(api.Services));
    }

    [Fact]
    public async Task StartUpWithAMalformedCuratedFileFailsLoudlyAndWritesNothing()
    {
        var dir = TempDataFiles.CopyOfShipped(curated => curated.Replace("\"relationTypes\": [", "\"relationTypes\": [ { \"slug\": \"x\", \"colour\": 1 },", StringComparison.Ordinal));
        var database = await TestPostgres.NewDatabaseAsync();
        await using var factory = new ApiFactory().UseDatabase(database).With("Data:Directory", dir);

        var e = await Assert.ThrowsAsync<DataFileException>(factory.InitializeAsync);

        Assert.Contains(e.Errors, x => x.File == "curated.json" && x.Line == 2 && x.Entry == "relationTypes[0] 'x'"
            && x.Reason == "unknown member '/relationTypes/0/colour'");

        // Migrations ran, but not one row of data was written.
        await using var probe = new Npgsql.NpgsqlConnection(database);
        await probe.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT (SELECT count(*) FROM nodes) + (SELECT count(*) FROM changes) + (SELECT count(*) FROM data_loads)", probe);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task AFailureLateInTheLoadRollsBackEverythingItHadWritten()
    {
        // Files that pass every check, with a fault injected in the database at the very last step (the change feed).
        var extra = TempDataFiles.Write("extra.json", """
            {
              "references": [ { "slug": "late-failure-paper", "title": "A paper that must not stay" } ],
              "techniques": [ { "slug": "late-failure-method", "parent": "dpo", "kind": "method", "name": { "en": "Late failure" },
                                "references": [ { "reference": "late-failure-paper" } ] } ],
              "relationships": [ { "type": "variant-of", "source": "technique:late-failure-method", "target": "technique:dpo" } ]
            }
            """);
        var data = DataSet.Load([.. DataFiles.Paths(), extra]);
        var before = await SeedDatabase.RowVersionsAsync(api.Services);
        await ExecuteAsync("""
            CREATE FUNCTION fail_late_load() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$;
            CREATE TRIGGER fail_late_load BEFORE INSERT ON changes FOR EACH ROW
                WHEN (NEW.entity_key = 'late-failure-method') EXECUTE FUNCTION fail_late_load();
            """);
        try
        {
            var e = await Assert.ThrowsAnyAsync<Exception>(() => SeedDatabase.LoadAsync(api.Services, data));
            Assert.Contains("injected failure", e.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await ExecuteAsync("DROP TRIGGER fail_late_load ON changes; DROP FUNCTION fail_late_load();");
        }

        Assert.Equal(before, await SeedDatabase.RowVersionsAsync(api.Services));
        Assert.False(await SeedDatabase.WithDbAsync(api.Services, db => db.Nodes.AnyAsync(n => n.Slug.StartsWith("late-failure"))));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
