using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Api.Tests.Writes;
using Xunit.Abstractions;

namespace PostTraining.Api.Tests.ReadModel;

/// <summary>
/// Two API processes on one database, as two replicas behind a load balancer run: a write through one is served by
/// the other without a restart (LISTEN/NOTIFY). Each test polls the other process up to a generous bound and only
/// logs the delay; the benchmark, not a timed test, reports the propagation time.
/// </summary>
public sealed class CrossProcessPropagationTests(TwoApiProcesses apis, ITestOutputHelper output) : IClassFixture<TwoApiProcesses>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task APatchThroughTheFirstProcessIsServedByTheSecondWithTheSameETag()
    {
        using var a = apis.AdminClient(apis.First);
        using var b = apis.AdminClient(apis.Second);
        const string Url = "/api/v1/techniques/dpo";
        var description = $"Cross-process probe {Guid.NewGuid():N}";
        Assert.NotEqual(description, DescriptionEn(await b.GetJsonAsync(Url)));

        var patch = await a.MergePatchAsync(Url, new { description = new { en = description } }, await a.ETagOfAsync(Url));
        Assert.True(patch.IsSuccessStatusCode, $"PATCH answered {(int)patch.StatusCode}: {await patch.Content.ReadAsStringAsync()}");
        var answered = Stopwatch.StartNew();

        var served = await PollAsync(b, Url, r => r.StatusCode == HttpStatusCode.OK && DescriptionEn(r.Body) == description);
        Report("PATCH on the first, served by the second", answered.Elapsed);

        Assert.True(served.StatusCode == HttpStatusCode.OK && DescriptionEn(served.Body) == description, $"the second process still served {(int)served.StatusCode} with description {DescriptionEn(served.Body)}");
        var etagOnA = await a.ETagOfAsync(Url);
        Assert.Equal(patch.Headers.ETag?.ToString(), etagOnA);
        Assert.Equal(etagOnA, served.ETag);
    }

    [Fact]
    public async Task ACreateThroughTheSecondProcessIsServedByTheFirstInDetailTreeAndSearch()
    {
        using var a = apis.AdminClient(apis.First);
        using var b = apis.AdminClient(apis.Second);
        const string Slug = "xproc-created";
        const string Url = $"/api/v1/techniques/{Slug}";
        Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync(Url)).StatusCode);

        var create = await b.PostJsonAsync("/api/v1/techniques", new
        {
            slug = Slug,
            paradigm = "alignment",
            name = new { en = "Cross-process probe technique", zh = "跨进程探针" },
        });
        Assert.True(create.StatusCode == HttpStatusCode.Created, $"POST answered {(int)create.StatusCode}: {await create.Content.ReadAsStringAsync()}");
        var answered = Stopwatch.StartNew();

        var served = await PollAsync(a, Url, r => r.StatusCode == HttpStatusCode.OK);
        Report("POST on the second, served by the first", answered.Elapsed);

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(Slug, served.Body.Str("slug"));
        Assert.Equal(create.Headers.ETag?.ToString(), served.ETag);
        // The cached representations built from the snapshot were replaced too, not only the entity lookup.
        Assert.Contains($"\"{Slug}\"", await a.GetStringAsync("/api/v1/taxonomy"), StringComparison.Ordinal);
        Assert.True((await a.GetJsonAsync("/api/v1/search?q=跨进程探针")).HasSlug(Slug));
    }

    [Fact]
    public async Task ADeleteThroughTheFirstProcessIsGoneOnTheSecond()
    {
        using var a = apis.AdminClient(apis.First);
        using var b = apis.AdminClient(apis.Second);
        const string Slug = "xproc-deleted";
        const string Url = $"/api/v1/techniques/{Slug}";
        var create = await a.PostJsonAsync("/api/v1/techniques", new
        {
            slug = Slug,
            paradigm = "alignment",
            name = new { en = "Cross-process probe to delete", zh = "待删探针" },
        });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PollAsync(b, Url, r => r.StatusCode == HttpStatusCode.OK)).StatusCode);

        var delete = await a.DeleteAsync(Url, await a.ETagOfAsync(Url));
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var answered = Stopwatch.StartNew();

        var served = await PollAsync(b, Url, r => r.StatusCode != HttpStatusCode.OK);
        Report("DELETE on the first, gone on the second", answered.Elapsed);

        Assert.Equal(HttpStatusCode.Gone, served.StatusCode);
        Assert.Equal("application/problem+json", served.MediaType);
        Assert.DoesNotContain($"\"{Slug}\"", await b.GetStringAsync("/api/v1/taxonomy"), StringComparison.Ordinal);
    }

    /// <summary>GETs <paramref name="url"/> every 10 ms until <paramref name="done"/> holds or the bound passes; returns the last answer.</summary>
    private static async Task<Served> PollAsync(HttpClient client, string url, Func<Served, bool> done)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using var response = await client.GetAsync(url);
            var text = await response.Content.ReadAsStringAsync();
            var body = text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true
                ? JsonDocument.Parse(text).RootElement.Clone()
                : default;
            var served = new Served(response.StatusCode, response.Headers.ETag?.ToString(), response.Content.Headers.ContentType?.MediaType, body);
            if (done(served) || watch.Elapsed > Bound)
            {
                return served;
            }

            await Task.Delay(10);
        }
    }

    private static string? DescriptionEn(JsonElement technique) =>
        technique.TryGetProperty("description", out var description) && description.ValueKind == JsonValueKind.Object
            ? description.Str("en")
            : null;

    private void Report(string what, TimeSpan delay) =>
        output.WriteLine($"{what}: {delay.TotalMilliseconds:F0} ms after the write answered");

    private sealed record Served(HttpStatusCode StatusCode, string? ETag, string? MediaType, JsonElement Body);
}

/// <summary>
/// Two API processes on one fresh database: the first migrates and loads the seed, the second starts once the first
/// is ready, as a second replica would. Both are stopped when the test class ends.
/// </summary>
public sealed class TwoApiProcesses : IAsyncLifetime
{
    public ApiProcess First { get; private set; } = null!;
    public ApiProcess Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var database = await TestPostgres.NewDatabaseAsync("xproc");
        First = await ApiProcess.StartAsync(database);
        try
        {
            Second = await ApiProcess.StartAsync(database);
        }
        catch
        {
            // Stopped here so a failed start never leaves the first running, whether or not the runner then disposes
            // the fixture (cleared so that disposal does not stop it twice).
            await First.DisposeAsync();
            First = null!;
            throw;
        }
    }

    public HttpClient AdminClient(ApiProcess process)
    {
        var client = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.AdminKey);
        return client;
    }

    public async Task DisposeAsync()
    {
        // Each disposal is awaited on its own so a failure stopping one still stops the other.
        try
        {
            if (Second is not null)
            {
                await Second.DisposeAsync();
            }
        }
        finally
        {
            if (First is not null)
            {
                await First.DisposeAsync();
            }
        }
    }
}
