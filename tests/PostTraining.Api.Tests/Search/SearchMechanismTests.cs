using PostTraining.Api.ReadModel;
using PostTraining.Api.Search;
using PostTraining.Api.Tests.ReadModel;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Tests.Search;

/// <summary>
/// The mechanisms behind search quality (issue 14), each on the small sample taxonomy: Traditional Chinese folded to
/// Simplified with OpenCC's dictionaries, mixed Chinese/English queries split at the script boundary and matched
/// across a node's fields, adjacent-letter swaps as one typo, separators ignored between words, exact names and
/// abbreviations above aliases, and partial CJK matches only where nothing matches every term.
/// </summary>
public sealed class SearchMechanismTests
{
    private static readonly TaxonomySnapshot Snapshot = SampleTaxonomy.Build();

    private static IReadOnlyList<SearchHit> Find(string q, TaxonomySnapshot? snapshot = null, bool prefix = false) =>
        (snapshot ?? Snapshot).Search.Find(q, 20, null, prefix);

    [Theory]
    [InlineData("強化學習", "强化学习")]
    [InlineData("知識蒸餾", "知识蒸馏")]
    [InlineData("人類回饋", "人类回馈")]
    // A phrase of OpenCC's TSPhrases, converted as a whole: 瞭 alone stays, in this phrase it becomes 了.
    [InlineData("一目瞭然", "一目了然")]
    public void TraditionalChineseFoldsToSimplified(string traditional, string simplified) =>
        Assert.Equal(simplified, TextFolding.Fold(traditional));

    [Fact]
    public void TextWithNothingToConvertIsReturnedAsItIs()
    {
        const string Simplified = "直接偏好优化 DPO";
        Assert.Same(Simplified, ChineseFolding.Fold(Simplified));
        // Every entry of the vendored dictionaries was read (keys repeated across files of one stage count once).
        Assert.True(ChineseFolding.EntryCount > 0);
    }

    [Fact]
    public void TraditionalQueriesFindSimplifiedNames()
    {
        var hit = Find("直接偏好優化")[0];
        Assert.Equal("dpo", hit.Node.Slug);
        Assert.Equal(MatchQuality.Exact, hit.Quality);
        Assert.Equal("rlhf", Find("人類反饋強化學習")[0].Node.Slug);
    }

    [Fact]
    public void AMixedQueryIsSplitWhereTheScriptChanges()
    {
        var query = SearchQuery.Parse("LoRA微调", null, false)!;
        Assert.Equal(["lora"], query.Tokens);
        Assert.Equal(["微调"], query.Runs);
    }

    [Fact]
    public void TermsOfAMixedQueryMatchInDifferentFieldsOfOneNode()
    {
        // No field of DPO holds both: its abbreviation holds DPO, its Chinese name 偏好.
        var hits = Find("DPO 偏好");
        Assert.Equal("dpo", hits[0].Node.Slug);
        Assert.Equal(MatchQuality.AllWords, hits[0].Quality);
        // LoRA's abbreviation and Chinese name, above QLoRA's (its abbreviation holds lora only inside a word).
        Assert.Equal("lora", Find("lora低秩")[0].Node.Slug);
        Assert.Equal("lora", Find("低秩 LoRA")[0].Node.Slug);
    }

    [Fact]
    public void OneFieldHoldingEveryTermOutranksTermsSpreadOverFields()
    {
        var snapshot = SampleTaxonomy.Build((nodes, _) => nodes.Add(
            SampleTaxonomy.Technique(50, "dpo-preference-study", 1, null, "DPO 偏好", null, null, null)));
        var hits = Find("DPO 偏好", snapshot);
        Assert.Equal("dpo-preference-study", hits[0].Node.Slug);
        Assert.Equal("dpo", hits[1].Node.Slug);
    }

    [Theory]
    [InlineData("lroa", "lora")]
    [InlineData("rlfh", "rlhf")]
    [InlineData("qlroa", "qlora")]
    public void TwoSwappedLettersAreOneTypo(string query, string expected)
    {
        var hit = Find(query)[0];
        Assert.Equal(expected, hit.Node.Slug);
        Assert.Equal(MatchQuality.Fuzzy, hit.Quality);
    }

    [Fact]
    public void ATypoOfTheWholeNameRanksAboveATypoOfOneOfItsWords()
    {
        var snapshot = SampleTaxonomy.Build((nodes, _) => nodes.Add(
            SampleTaxonomy.Technique(51, "laplace-lora", 3, 17, "Laplace-LoRA", null, null, null)));
        var hits = Find("lroa", snapshot);
        // laplace-lora sorts first among equal scores: the corrected query equals LoRA's abbreviation, not Laplace-LoRA.
        Assert.Equal("lora", hits[0].Node.Slug);
        Assert.True(hits[0].Score > hits.Single(h => h.Node.Slug == "laplace-lora").Score);
    }

    [Fact]
    public void WordsMatchWhateverSeparatesThem()
    {
        var hit = Find("low rank adaptation")[0];
        Assert.Equal("lora", hit.Node.Slug);
        Assert.Equal(MatchQuality.Exact, hit.Quality);
        Assert.Equal("<mark>Low-Rank Adaptation</mark>", hit.Highlight);
        Assert.Equal(MatchQuality.FieldPrefix, Find("parameter efficient")[0].Quality);
    }

    [Fact]
    public void AnExactAbbreviationOutranksTheSameTextAsAnAliasOrInADescription()
    {
        var snapshot = SampleTaxonomy.Build((nodes, _) =>
        {
            nodes.Add(SampleTaxonomy.Technique(52, "a-dpo-alias", 1, null, "Another Method", null, null, null) with { Aliases = ["DPO"] });
            nodes.Add(SampleTaxonomy.Technique(53, "a-dpo-description", 1, null, "Yet Another Method", null, null, null) with { DescriptionEn = "DPO" });
        });
        var hits = Find("DPO", snapshot);
        Assert.Equal("dpo", hits[0].Node.Slug);
        Assert.Equal(SearchField.Abbreviation, hits[0].Field);
        var alias = hits.Single(h => h.Node.Slug == "a-dpo-alias");
        var described = hits.Single(h => h.Node.Slug == "a-dpo-description");
        Assert.True(hits[0].Score > alias.Score && alias.Score > described.Score);
    }

    [Fact]
    public void WhenNoNodeHoldsEveryTermTheOneSharingMostOfTheQueryComesFirst()
    {
        // 人类回馈 is nowhere (RLHF says 人类反馈), yet RLHF holds 强化学习 and 人类: four of the query's six bigrams.
        var hits = Find("強化學習 人類回饋");
        Assert.Equal("rlhf", hits[0].Node.Slug);
        Assert.Equal(MatchQuality.Fuzzy, hits[0].Quality);
        Assert.True(hits[0].Score < 45);
        // Half the bigrams at least: 推理强化学习 has three of six; nothing with fewer is offered.
        Assert.Equal(["rlhf", "reinforcement-learning-for-reasoning"], hits.Select(h => h.Node.Slug));
    }

    [Fact]
    public void PartialMatchesOnlyFillRoomThatFullMatchesLeft()
    {
        var snapshot = SampleTaxonomy.Build((nodes, _) => nodes.Add(
            SampleTaxonomy.Technique(54, "human-feedback-rl-study", 1, null, "Study", "强化学习 人类回馈", null, null)));
        var hits = Find("強化學習 人類回饋", snapshot);
        Assert.Equal("human-feedback-rl-study", hits[0].Node.Slug);
        Assert.True(hits[0].Score > hits.Single(h => h.Node.Slug == "rlhf").Score);
        Assert.DoesNotContain(snapshot.Search.Find("強化學習 人類回饋", 1), h => h.Node.Slug == "rlhf");
    }
}
