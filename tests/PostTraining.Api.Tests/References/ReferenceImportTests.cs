using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PostTraining.Api.Tests.Auth;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Data;
using PostTraining.Data.Bibliography;
using Xunit.Abstractions;

namespace PostTraining.Api.Tests.References;

/// <summary>
/// <c>POST /api/v1/references/import</c> against the seeded service: the awesome list's 922-entry reference.bib in one
/// request, a repeat that creates nothing, a dry run that writes nothing, malformed files refused whole with their
/// line numbers, and the round trip of every reference's BibTeX export into an empty database.
/// </summary>
public sealed class ReferenceImportTests(ApiFactory api, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    private const string Url = "/api/v1/references/import";
    private readonly HttpClient _admin = api.AdminClient();

    private static StringContent Bibtex(string text, string mediaType = "application/x-bibtex") =>
        new(text, Encoding.UTF8, new MediaTypeHeaderValue(mediaType));

    private async Task<(int References, long LastChange)> StateAsync()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        return (await db.References.CountAsync(), await db.Changes.MaxAsync(c => (long?)c.Id) ?? 0);
    }

    private async Task<List<BibtexRecord>> ExistingAsync()
    {
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        return [.. (await db.References.AsNoTracking().ToListAsync())
            .Select(r => new BibtexRecord(r.NameEn ?? "", r.Authors, r.AuthorsTruncated, r.Year, r.Venue, r.ArxivId, r.Doi))];
    }

    /// <summary>How many of the file's works (merged among themselves by identity) are not among the existing references.</summary>
    private static int NewWorks(IEnumerable<BibtexEntry> entries, List<BibtexRecord> existing)
    {
        static ReferenceIdentity.Record Id(string? arxiv, string? doi, string title, int? year) => new(arxiv, doi, title, year);
        var known = existing.Select(r => Id(r.ArxivId, r.Doi, r.Title, r.Year)).ToList();
        var created = 0;
        foreach (var e in entries)
        {
            var record = Id(e.ArxivId, e.Doi, e.Title, BibtexImporter.ReleaseYear(e));
            if (!known.Any(k => ReferenceIdentity.SameWork(record, k)))
            {
                created++;
                known.Add(record);
            }
        }

        return created;
    }

    [AwesomeBibFact]
    public async Task TheAwesomeListsBibliographyImportsInOneRequestAndASecondImportCreatesNothing()
    {
        var text = await File.ReadAllTextAsync(AwesomeBib.Path!);
        var parsed = BibtexParser.Parse(text);
        Assert.True(parsed.Succeeded);
        var expected = NewWorks(parsed.Entries, await ExistingAsync());
        var (referencesBefore, lastChangeBefore) = await StateAsync();

        var watch = Stopwatch.StartNew();
        var response = await _admin.PostAsync(Url, Bibtex(text));
        watch.Stop();
        output.WriteLine($"922-entry import: {watch.ElapsedMilliseconds} ms");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");

        using var report = await response.ReadJsonAsync();
        var counts = report.RootElement.GetProperty("counts");
        output.WriteLine(counts.ToString());
        Assert.False(report.RootElement.GetProperty("dryRun").GetBoolean());
        Assert.Equal(expected, counts.GetProperty("created").GetInt32());
        Assert.Equal(parsed.Rejected.Count, counts.GetProperty("errors").GetInt32());
        var entries = report.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(parsed.Entries.Count + parsed.Rejected.Count, entries.Count);
        Assert.Equal(entries.Count, new[] { "created", "matched", "conflicting", "errors" }.Sum(c => counts.GetProperty(c).GetInt32()));

        // Each created reference is stored, served at once, and has its change-feed row.
        var (referencesAfter, _) = await StateAsync();
        Assert.Equal(referencesBefore + expected, referencesAfter);
        var created = entries.Where(e => e.GetProperty("status").GetString() == "created").ToList();
        var sample = created.First(e => e.GetProperty("record").TryGetProperty("arxivId", out _));
        var slug = sample.GetProperty("slug").GetString()!;
        Assert.Equal("arxiv-" + sample.GetProperty("record").GetProperty("arxivId").GetString()!.Replace('.', '-'), slug);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync($"/api/v1/references/{slug}")).StatusCode);
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
            var feed = await db.Changes.AsNoTracking().Where(c => c.Id > lastChangeBefore).ToListAsync();
            Assert.Equal(expected, feed.Count);
            Assert.All(feed, c => Assert.Equal(("create", "reference"), (c.Operation, c.EntityKind)));
            Assert.All(feed, c => Assert.NotEqual("import", c.Author)); // the key's name, as any API write records
            Assert.Equal(created.Select(e => e.GetProperty("slug").GetString()).Order(), feed.Select(c => c.EntityKey).Order());
        }

        // Again: every entry is now matched (or a conflict with what was there before), nothing is created or recorded.
        var (_, lastChange) = await StateAsync();
        var again = await _admin.PostAsync(Url, Bibtex(text));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using var second = await again.ReadJsonAsync();
        Assert.Equal(0, second.RootElement.GetProperty("counts").GetProperty("created").GetInt32());
        Assert.Equal((referencesAfter, lastChange), await StateAsync());
    }

    [AwesomeBibFact]
    public async Task ADryRunAnswersTheReportAndWritesNothing()
    {
        var text = await File.ReadAllTextAsync(AwesomeBib.Path!);
        var expected = NewWorks(BibtexParser.Parse(text).Entries, await ExistingAsync());
        var before = await StateAsync();

        var response = await _admin.PostAsync(Url + "?dryRun=true", Bibtex(text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = await response.ReadJsonAsync();
        Assert.True(report.RootElement.GetProperty("dryRun").GetBoolean());
        Assert.Equal(expected, report.RootElement.GetProperty("counts").GetProperty("created").GetInt32());
        var first = report.RootElement.GetProperty("entries")[0];
        Assert.Equal("huh2023multi", first.GetProperty("citationKey").GetString());
        Assert.Equal(3, first.GetProperty("line").GetInt32());
        var record = first.GetProperty("record");
        Assert.Equal("Multi-agent reinforcement learning: A comprehensive survey", record.GetProperty("title").GetString());
        Assert.Equal(["Dom Huh", "Prasant Mohapatra"], record.GetProperty("authors").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(2023, record.GetProperty("year").GetInt32());
        Assert.Equal("2312.10256", record.GetProperty("arxivId").GetString());
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task EntriesAreCreatedMatchedOrConflictingAndDecodedFromLatex()
    {
        const string file = """
            @string{icml = "International Conference on Machine Learning"}
            @inproceedings{imp-one,
              title = {{Import} Test: Caf{\'e} M{\"u}ller \& Fran\c{c}ois},
              author = {Kiant\'e, Brantley and Strau{\ss}, Jo and others},
              booktitle = icml,
              month = jun,
              year = 2021
            }
            @misc{imp-two, title = {An Import Test Preprint}, author = {Doe, Jane}, eprint = {2107.99999}, archivePrefix = {arXiv}, year = {2022}}
            @misc{imp-two-again, title = {An import test preprint}, author = {Jane Doe}, journal = {arXiv preprint arXiv:2107.99999v2}}
            @misc{imp-two-other, title = {Something else entirely}, author = {Jane Doe}, url = {https://arxiv.org/abs/2107.99999}}
            """;
        var response = await _admin.PostAsync(Url, Bibtex(file));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = await response.ReadJsonAsync();
        var entries = report.RootElement.GetProperty("entries").EnumerateArray().ToDictionary(e => e.GetProperty("citationKey").GetString()!);

        var one = entries["imp-one"];
        Assert.Equal("created", one.GetProperty("status").GetString());
        Assert.Equal("import-test-caf-m-ller-fran-ois", one.GetProperty("slug").GetString());
        using var detail = await (await _admin.GetAsync("/api/v1/references/import-test-caf-m-ller-fran-ois")).ReadJsonAsync();
        Assert.Equal("Import Test: Café Müller & François", detail.RootElement.GetProperty("title").GetString());
        Assert.Equal(2021, detail.RootElement.GetProperty("year").GetInt32());
        Assert.Equal("International Conference on Machine Learning", detail.RootElement.GetProperty("venue").GetString());

        // The year of first release is the arXiv id's (2021), not the entry's 2022.
        var two = entries["imp-two"];
        Assert.Equal(("created", "arxiv-2107-99999", 2021), (two.GetProperty("status").GetString(), two.GetProperty("slug").GetString(), two.GetProperty("record").GetProperty("year").GetInt32()));
        var again = entries["imp-two-again"];
        Assert.Equal(("matched", "arxiv-2107-99999"), (again.GetProperty("status").GetString(), again.GetProperty("slug").GetString()));
        var other = entries["imp-two-other"];
        Assert.Equal("conflicting", other.GetProperty("status").GetString());
        Assert.Equal(["title"], other.GetProperty("differences").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("An Import Test Preprint", other.GetProperty("existing").GetProperty("title").GetString());
        Assert.Equal(2, report.RootElement.GetProperty("counts").GetProperty("created").GetInt32());
    }

    [Theory]
    [InlineData("@article{ok, title = {Fine}}\n\n@article{broken,\n  title = {Never {closed},\n  year = 2020\n}\n@article{next, title = {Next}}\n", 3, "Unbalanced brace")]
    [InlineData("@article{ok, title = {Fine}}\n@article{macro,\n  title = {T},\n  journal = nips\n}\n", 4, "Unknown macro 'nips'")]
    [InlineData("@article{twice, title = {One}}\n@article{other, title = {Two}}\n@article{twice, title = {Three}}\n", 3, "'twice' is used twice")]
    public async Task AMalformedFileIs400WithLineNumbersAndChangesNothing(string file, int line, string message)
    {
        var before = await StateAsync();

        var response = await _admin.PostAsync(Url, Bibtex(file));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = await response.ReadJsonAsync();
        var problems = problem.RootElement.GetProperty("problems").EnumerateArray().ToList();
        Assert.Contains(problems, p => p.GetProperty("line").GetInt32() == line && p.GetProperty("message").GetString()!.Contains(message, StringComparison.Ordinal));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty($"line {line}", out _));
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task OtherMediaTypesAre415AndNoKeyIs401()
    {
        var wrong = await _admin.PostAsync(Url, Bibtex("@misc{a, title={T}}", "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrong.StatusCode);
        var body = await wrong.Content.ReadAsStringAsync();
        Assert.True(body.Contains("application/x-bibtex", StringComparison.Ordinal), body);

        var anonymous = await api.CreateClient().PostAsync(Url, Bibtex("@misc{a, title={T}}"));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var huge = await _admin.PostAsync(Url, Bibtex("@comment{" + new string('x', 5 * 1024 * 1024) + "}"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task EveryReferencesBibtexExportImportsIntoAnEmptyDatabaseAsTheSameRecords()
    {
        // Every reference as the API exports it, page by page.
        var bibtex = new StringBuilder();
        for (var next = "/api/v1/references?format=bibtex&limit=100"; next is not null;)
        {
            var page = await _admin.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            bibtex.Append(await page.Content.ReadAsStringAsync()).Append('\n');
            next = page.Headers.TryGetValues("Link", out var links) && links.First() is var link && link.Contains("rel=\"next\"", StringComparison.Ordinal)
                ? new Uri(link[(link.IndexOf('<') + 1)..link.IndexOf('>')]).PathAndQuery
                : null;
        }

        var parsed = BibtexParser.Parse(bibtex.ToString());
        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Errors.Take(5)));
        Assert.Empty(parsed.Rejected);

        // An empty database of the same schema, written by the importer the endpoint runs.
        var database = await TestPostgres.NewDatabaseAsync();
        await using var services = new ServiceCollection().AddPostTrainingData(database).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        await db.Database.MigrateAsync();
        var report = await new BibtexImporter(db).ImportAsync(parsed, new BibtexImportOptions());

        var original = await ExistingAsync();
        Assert.Equal(original.Count, report.Counts.Created);

        // The import stores the year of first public release (an arXiv id's own year). A stored reference whose year
        // breaks that convention (issue 12, item 6, still open in the data) comes back with the release year: listed.
        var offConvention = original.Where(r => BibtexImporter.ArxivYear(r.ArxivId) is { } y && y != r.Year).ToList();
        foreach (var r in offConvention)
        {
            output.WriteLine($"year off the release-year convention: {r.ArxivId} stored {r.Year}, released {BibtexImporter.ArxivYear(r.ArxivId)}");
        }

        original = [.. original.Select(r => r with { Year = BibtexImporter.ArxivYear(r.ArxivId) ?? r.Year })];
        static string Key(BibtexRecord r) => JsonSerializer.Serialize(new { r.Title, r.Authors, r.AuthorsTruncated, r.Year, r.ArxivId, r.Doi });
        var imported = (await db.References.AsNoTracking().ToListAsync())
            .Select(r => new BibtexRecord(r.NameEn ?? "", r.Authors, r.AuthorsTruncated, r.Year, r.Venue, r.ArxivId, r.Doi));
        var missing = original.Select(Key).Except(imported.Select(Key)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} records changed on the way, e.g. {string.Join("\n", missing.Take(3))}");
    }
}

/// <summary>The awesome list's reference.bib in ../shared/reference, found by walking up from the test assembly.</summary>
public static class AwesomeBib
{
    public static readonly string? Path = SharedFiles.Find("reference", "external", "awesome-rl-for-lrms", "reference.bib");
}

public sealed class AwesomeBibFactAttribute : FactAttribute
{
    public AwesomeBibFactAttribute()
    {
        if (AwesomeBib.Path is null)
        {
            Skip = "shared/reference/external/awesome-rl-for-lrms/reference.bib is not on this machine (it is found by walking up from the test assembly).";
        }
    }
}
