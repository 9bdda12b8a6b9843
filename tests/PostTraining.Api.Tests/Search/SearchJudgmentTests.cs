using PostTraining.Api.Search;
using PostTraining.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PostTraining.Api.Tests.Search;

/// <summary>
/// Search quality on the seeded data, through /api/v1/search as a user gets it: the shared judgments
/// (shared/guide/search-judgments.json) and a held-out set of the same kinds written with this test
/// (held-out-search-judgments.json), each at most one query without its expected entity first and none without it in
/// the first three. The held-out set shows the mechanisms generalise beyond the queries they were checked against.
/// </summary>
public sealed class SearchJudgmentTests(ApiFactory api, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = api.CreateClient();

    [SharedJudgmentsFact]
    public Task TheSharedJudgedQueriesFindWhatTheUserExpects() => AssertQualityAsync(SharedJudgments.Path!);

    [Fact]
    public Task TheHeldOutQueriesFindWhatTheUserExpects() =>
        AssertQualityAsync(Path.Combine(AppContext.BaseDirectory, "Search", "held-out-search-judgments.json"));

    private async Task AssertQualityAsync(string path)
    {
        var judgments = SearchJudgments.Load(path);
        var evaluation = await SearchEvaluation.RunAsync(judgments, SlugsAsync);
        output.WriteLine(evaluation.Report());
        var count = judgments.Queries.Count;
        Assert.True(evaluation.SuccessAt1 >= count - 1, $"success@1 {evaluation.SuccessAt1}/{count}:\n{evaluation.Report()}");
        Assert.True(evaluation.SuccessAt3 == count, $"success@3 {evaluation.SuccessAt3}/{count}:\n{evaluation.Report()}");
    }

    private async Task<IReadOnlyList<string>> SlugsAsync(string query)
    {
        var found = await _client.GetJsonAsync($"/api/v1/search?limit={SearchEvaluation.Depth}&q={Uri.EscapeDataString(query)}");
        return found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!).ToArray();
    }
}

/// <summary>shared/guide/search-judgments.json, found by walking up from the test assembly (null when not on this machine).</summary>
public static class SharedJudgments
{
    public static readonly string? Path = SharedFiles.Find("guide", "search-judgments.json");
}

public sealed class SharedJudgmentsFactAttribute : FactAttribute
{
    public SharedJudgmentsFactAttribute()
    {
        if (SharedJudgments.Path is null)
        {
            Skip = "shared/guide/search-judgments.json is not on this machine (it is found by walking up from the test assembly).";
        }
    }
}
