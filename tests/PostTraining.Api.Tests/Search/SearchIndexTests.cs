using PostTraining.Api.ReadModel;
using PostTraining.Api.Search;
using PostTraining.Api.Tests.ReadModel;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Tests.Search;

public sealed class SearchIndexTests
{
    private static readonly TaxonomySnapshot Snapshot = SampleTaxonomy.Build();

    private static IReadOnlyList<SearchHit> Find(string q, bool prefix = false, int limit = 20, params NodeKind[] kinds) =>
        Snapshot.Search.Find(q, limit, kinds.Length == 0 ? null : kinds.ToHashSet(), prefix);

    [Fact]
    public void ChineseSubstringFindsTheTechnique()
    {
        var hits = Find("偏好优化");
        Assert.Contains(hits, h => h.Node.Slug == "dpo" && h.Field == SearchField.NameZh && h.Quality == MatchQuality.Substring
            && h.Highlight == "直接<mark>偏好优化</mark>");
        Assert.Contains(hits, h => h.Node.Slug == "simpo");
        Assert.DoesNotContain(hits, h => h.Node.Slug == "rlhf");
    }

    [Fact]
    public void EnglishWordPrefixFindsTheTechnique()
    {
        var hit = Assert.Single(Find("prefer", kinds: NodeKind.Technique), h => h.Node.Slug == "dpo");
        Assert.Equal(MatchQuality.WordStart, hit.Quality);
        Assert.Contains("<mark>Prefer</mark>ence", hit.Highlight);
    }

    [Fact]
    public void AbbreviationRanksFirst()
    {
        var hits = Find("GRPO");
        Assert.Equal("grpo", hits[0].Node.Slug);
        Assert.Equal(MatchQuality.Exact, hits[0].Quality);
    }

    [Fact]
    public void SmallTyposStillFindTheWord()
    {
        var hits = Find("reinforcment");
        Assert.Contains(hits, h => h.Node.Slug == "rlhf" && h.Quality == MatchQuality.Fuzzy);
        Assert.Contains(hits, h => h.Node.Slug == "reinforcement-learning-for-reasoning");
        Assert.DoesNotContain(hits, h => h.Node.Slug == "lora");
    }

    [Fact]
    public void NumbersAreMatchedAsTypedNotAsTypos()
    {
        // The slug arxiv-2305-18290 holds the word 2305; 2306 is one edit away but another paper's id, not a typo.
        Assert.Contains(Find("2305"), h => h.Node.Slug == "arxiv-2305-18290");
        Assert.Empty(Find("2306"));
        Assert.DoesNotContain(Find("arxiv 18291"), h => h.Node.Slug == "arxiv-2305-18290");
        // The word beside a number still tolerates its typo.
        Assert.Contains(Find("arxv 2305"), h => h.Node.Slug == "arxiv-2305-18290" && h.Quality == MatchQuality.Fuzzy);
    }

    [Fact]
    public void FullWidthFormsAreFolded()
    {
        Assert.Equal("dpo", Find("ＤＰＯ")[0].Node.Slug);
    }

    [Fact]
    public void SeveralWordsMustAllMatchInAnyOrder()
    {
        var hits = Find("optimization direct");
        Assert.Equal("dpo", hits[0].Node.Slug);
        Assert.Equal(MatchQuality.AllWords, hits[0].Quality);
        Assert.DoesNotContain(hits, h => h.Node.Slug == "ppo");
    }

    [Fact]
    public void PrefixModeMatchesWordStartsOnlyAndNoTypos()
    {
        Assert.Contains(Find("lo", prefix: true), h => h.Node.Slug == "lora");
        Assert.Empty(Find("reinforcment", prefix: true));
        Assert.DoesNotContain(Find("ora", prefix: true), h => h.Node.Slug == "lora");
    }

    [Fact]
    public void KindFilterAndLimitApply()
    {
        Assert.All(Find("lora", kinds: NodeKind.Reference), h => Assert.Equal(NodeKind.Reference, h.Node.Kind));
        Assert.Single(Find("adaptation", limit: 1));
    }

    [Fact]
    public void ExactAbbreviationOutranksSubstringElsewhere()
    {
        var hits = Find("lora");
        Assert.Equal("lora", hits[0].Node.Slug);
        Assert.True(hits[0].Score > hits.Single(h => h.Node.Slug == "qlora").Score);
    }

    [Theory]
    [InlineData("kitten", "sitting", 3, 3)]
    [InlineData("kitten", "sitting", 2, -1)]
    [InlineData("reinforcment", "reinforcement", 1, 1)]
    [InlineData("abc", "abcdef", 2, -1)]
    [InlineData("same", "same", 0, 0)]
    [InlineData("lroa", "lora", 1, 1)]
    [InlineData("ca", "abc", 3, 3)]
    [InlineData("abcd", "badc", 2, 2)]
    [InlineData("abcd", "badc", 1, -1)]
    public void BoundedEditDistanceCountsASwapAsOneEditAndStopsAtTheBound(string a, string b, int max, int expected) =>
        Assert.Equal(expected, TextFolding.BoundedEditDistance(a, b, max));
}
