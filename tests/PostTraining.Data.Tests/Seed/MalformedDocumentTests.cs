using PostTraining.Data.Seed;
using PostTraining.Data.Tests.Infrastructure;

namespace PostTraining.Data.Tests.Seed;

/// <summary>Each way a document can be malformed stops the import with the file, the line and the reason.</summary>
public sealed class MalformedDocumentTests
{
    private static SeedFormatException Fails(Func<string, string> edit) =>
        Assert.Throws<SeedFormatException>(() => TestDocuments.ParseSmall(edit));

    private static int LineOf(string text) =>
        Array.FindIndex(TestDocuments.Small.Split('\n'), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    [Theory]
    [InlineData("")]
    [InlineData("  \n\n")]
    public void AnEmptyDocumentIsRejected(string content)
    {
        var e = Assert.Throws<SeedFormatException>(() => DocumentParser.Parse(content, "empty.md", TestDocuments.Slugs));
        Assert.Equal(("empty.md", 1, "the document is empty"), (e.File, e.Line, e.Reason));
        Assert.Equal("empty.md:1: the document is empty", e.Message);
    }

    [Fact]
    public void AMissingSectionIsNamed()
    {
        var e = Fails(d => d.Edit("# LLM Post-training 范式", "# Something else"));
        Assert.Equal(TestDocuments.SmallName, e.File);
        Assert.Contains("missing section 'LLM Post-training 范式'", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingNestedSectionNamesItsParent()
    {
        var e = Fails(d => d.Edit("### 技术结构", "### 其他"));
        Assert.Equal(LineOf("## 后训练"), e.Line);
        Assert.Contains("missing section '技术结构' under '后训练'", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AHeadingAtTheWrongLevelIsReportedAsSuch()
    {
        var e = Fails(d => d.Edit("### 技术结构", "## 技术结构"));
        Assert.Equal(LineOf("技术结构"), e.Line);
        Assert.Contains("heading '技术结构' is level 2", e.Reason, StringComparison.Ordinal);
        Assert.Contains("expected level 3 under '后训练'", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AReferenceWithoutALinkIsABrokenLink()
    {
        var e = Fails(d => d.Edit("* [中文文章](https://zhuanlan.zhihu.com/p/123)", "* [中文文章](https://zhuanlan.zhihu.com/p/123"));
        Assert.Equal(LineOf("[中文文章]"), e.Line);
        Assert.Contains("has no link", e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://link.zhihu.com/?target=https%3A//arxiv.org/abs/2305.18290v3", "https://link.zhihu.com/?from=x", "redirect without a usable 'target'")]
    [InlineData("https://zhuanlan.zhihu.com/p/123", "p/123", "is not an absolute http(s) URL")]
    [InlineData("https://zhuanlan.zhihu.com/p/123", "ftp://example.com/p/123", "is not an absolute http(s) URL")]
    public void ALinkThatLeadsNowhereIsABrokenLink(string url, string broken, string reason)
    {
        var e = Fails(d => d.Edit($"({url})", $"({broken})"));
        Assert.Equal(LineOf(url), e.Line);
        Assert.Contains("broken link", e.Reason, StringComparison.Ordinal);
        Assert.Contains(reason, e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AChineseOnlyItemWithoutASlugMappingIsNamed()
    {
        var e = Assert.Throws<SeedFormatException>(() => DocumentParser.Parse(TestDocuments.Small, "small.md", DocumentSlugMap.Default));
        Assert.Equal(LineOf("* 幻觉"), e.Line);
        Assert.Contains("limitation '幻觉' has no slug: add it to data/document-slugs.json", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFrontMatterIsRejected()
    {
        var e = Fails(d => d[d.IndexOf("<details>", StringComparison.Ordinal)..]);
        Assert.Equal(1, e.Line);
        Assert.Contains("no front matter", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AFrontMatterWithoutATitleIsRejected()
    {
        var e = Fails(d => d.Edit("title: Tiny Post-training Notes\n", ""));
        Assert.Contains("the front matter has no 'title'", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AParadigmItemWithoutItsEnglishNameIsRejected()
    {
        var e = Fails(d => d.Edit("**对齐（Alignment）**", "**对齐**"));
        Assert.Equal(LineOf("符合偏好"), e.Line);
        Assert.Contains("is not of the form '中文名（English name）：目标'", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ATechniqueGroupMustNameItsParadigm()
    {
        var e = Fails(d => d.Edit("* 对齐问题(Alignment)", "* 对齐问题(Reasoning)"));
        Assert.Equal(LineOf("对齐问题"), e.Line);
        Assert.Contains("should name paradigm 2 'Alignment'", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void FewerTechniqueGroupsThanParadigmsIsRejected()
    {
        var e = Fails(d => d.Edit("* 对齐问题(Alignment)\n    - 直接偏好优化(Direct Preference Optimization, DPO)\n", ""));
        Assert.Contains("has 1 technique groups", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ADuplicateTechniqueIsRejected()
    {
        var e = Fails(d => d.Edit("    - 指令微调(Instruction Tuning)", "    - 监督微调二(Supervised Fine-Tuning, SFT)"));
        Assert.Contains("slug 'sft' occurs twice", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ASectionWithoutItsListIsRejected()
    {
        var e = Fails(d => d.Edit("* 推理能力有限\n* 幻觉\n* …\n", "没有列表。\n"));
        Assert.Equal(LineOf("# LLM Pre-training 问题"), e.Line);
        Assert.Contains("has no list", e.Reason, StringComparison.Ordinal);
    }
}
