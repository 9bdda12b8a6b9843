using Microsoft.EntityFrameworkCore;
using PostTraining.Api.Cli;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Seed;

/// <summary>The import and load commands run instead of the web host and report failure through their exit code.</summary>
public sealed class CommandLineTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ArgumentsThatNameNoCommandStartTheWebHost()
    {
        Assert.Null(await CommandLine.TryRunAsync([]));
        Assert.Null(await CommandLine.TryRunAsync(["--urls", "http://localhost:0"]));
    }

    [Fact]
    public async Task ImportWithoutADocumentIsAUsageError()
    {
        Assert.Equal(2, await CommandLine.TryRunAsync(["import"]));
    }

    [Fact]
    public async Task ImportOfAMalformedDocumentFailsAndWritesNothing()
    {
        var dir = TempDataFiles.Folder();
        var document = TempDataFiles.Write("doc.md", "---\ntitle: x\n---\n\n# Nothing here\n", dir);
        var output = Path.Combine(dir, "seed.json");
        Assert.Equal(1, await CommandLine.TryRunAsync(["import", "--document", document, "--out", output]));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task LoadWithAMalformedExtraFileFailsWithoutTouchingTheDatabase()
    {
        var before = await SeedDatabase.RowVersionsAsync(api.Services);
        var bad = TempDataFiles.Write("extra.json", """{ "models": [ { "slug": "x", "weight": 1 } ] }""");
        Assert.Equal(1, await CommandLine.TryRunAsync(["load", "--file", bad, $"--ConnectionStrings:Postgres={api.ConnectionString}"]));
        Assert.Equal(before, await SeedDatabase.RowVersionsAsync(api.Services));
    }

    [Fact]
    public async Task LoadAddsAnExtraFilesEntriesToTheLoadedDatabase()
    {
        var extra = TempDataFiles.Write("extra.json", """{ "models": [ { "slug": "cli-loaded-model", "name": { "en": "CLI model" } } ] }""");
        Assert.Equal(0, await CommandLine.TryRunAsync(["load", "--file", extra, $"--ConnectionStrings:Postgres={api.ConnectionString}"]));
        var model = await SeedDatabase.WithDbAsync(api.Services, db => db.Models.AsNoTracking().SingleAsync(m => m.Slug == "cli-loaded-model"));
        Assert.Equal("CLI model", model.NameEn);
        Assert.Equal("extra.json", model.Source.Document);
    }
}
