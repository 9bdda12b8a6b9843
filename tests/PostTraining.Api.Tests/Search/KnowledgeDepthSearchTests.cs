using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Search;

/// <summary>
/// What a new user typed and found nothing for before the survey's and the post-survey lists' methods were loaded:
/// each query now ranks the method it names first.
/// </summary>
public sealed class KnowledgeDepthSearchTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("KTO", "kto")]
    [InlineData("DAPO", "dapo")]
    [InlineData("Dr. GRPO", "dr-grpo")]
    [InlineData("GSPO", "gspo")]
    [InlineData("过程奖励", "step-wise-reward")]
    [InlineData("ORPO", "orpo")]
    [InlineData("SimPO", "simpo")]
    public async Task TheMethodANameNamesRanksFirst(string query, string expected)
    {
        var found = await api.CreateClient().GetJsonAsync($"/api/v1/search?q={Uri.EscapeDataString(query)}");
        var first = found.GetProperty("items")[0];
        Assert.Equal(expected, first.GetProperty("slug").GetString());
    }

    [Fact]
    public async Task DposBibtexListsItsSixAuthors()
    {
        var bibtex = await api.CreateClient().GetStringAsync("/api/v1/references/arxiv-2305-18290?format=bibtex");
        var author = bibtex.Split('\n').Single(l => l.TrimStart().StartsWith("author", StringComparison.Ordinal));
        Assert.Equal(
            "author = {Rafael Rafailov and Archit Sharma and Eric Mitchell and Stefano Ermon and Christopher D. Manning and Chelsea Finn},",
            author.Trim());
    }
}
