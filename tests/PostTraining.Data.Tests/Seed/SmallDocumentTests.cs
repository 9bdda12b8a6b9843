using PostTraining.Data.Seed;
using PostTraining.Data.Tests.Infrastructure;

namespace PostTraining.Data.Tests.Seed;

/// <summary>The parser on a small document of the same shape that the tests own, so it is tested on every machine.</summary>
public sealed class SmallDocumentTests
{
    private static readonly SeedDocument Document = TestDocuments.ParseSmall();

    [Fact]
    public void ReadsTheFrontMatter()
    {
        Assert.Equal(new FrontMatter("Tiny Post-training Notes", "tester", "2024-01-02", "tiny-notes"), Document.FrontMatter);
    }

    [Fact]
    public void ReadsParadigmsWithTheirGoals()
    {
        Assert.Equal(
            [("fine-tuning", "微调", "Fine-tuning", "适应任务"), ("alignment", "对齐", "Alignment", "符合偏好")],
            Document.Paradigms.Select(p => (p.Slug, p.NameZh, p.NameEn, p.GoalZh)));
    }

    [Fact]
    public void ReadsTechniquesWithAndWithoutAbbreviation()
    {
        Assert.Equal(
            [
                ("sft", "fine-tuning", "Supervised Fine-Tuning", "SFT", 1),
                ("instruction-tuning", "fine-tuning", "Instruction Tuning", null, 2),
                ("dpo", "alignment", "Direct Preference Optimization", "DPO", 1),
            ],
            Document.Techniques.Select(t => (t.Slug, t.Paradigm, t.NameEn, t.Abbreviation, t.Position)));
        Assert.Equal([("post-training-datasets", BranchKind.Dataset)], Document.Branches.Select(b => (b.Slug, b.Kind)));
    }

    [Fact]
    public void SkipsTheEllipsisItemAndMapsChineseOnlyItems()
    {
        Assert.Equal([("limited-reasoning", "推理能力有限"), ("hallucination", "幻觉")], Document.Limitations.Select(l => (l.Slug, l.NameZh)));
        Assert.Equal(["dpo-objective", "policy-optimization"], Document.FormulaTopics.Select(f => f.Slug));
    }

    [Fact]
    public void FindsModelsAndDatasetsOnlyUnderTheIntroductionAndOnlyByTheirPatterns()
    {
        Assert.Equal(
            [
                ("Mistral-7B", "7B", "具有 N 亿个参数的 X"),
                ("Qwen-2", null, "如 … 等模型"),
                ("Phi-3", null, "如 … 等模型"),
                ("Yi", null, "如 … 等模型"),
                ("Kimi-K2", null, "LLM，X，"),
                ("OLMo", null, "<名词>（例如 …）"),
                ("Falcon", null, "<名词>（例如 …）"),
            ],
            Document.Models.Select(m => (m.Name, m.Parameters, m.Pattern)));
        Assert.Equal(["alpaca", "dolly", "ultrachat"], Document.Datasets.Select(d => d.Slug));
    }

    [Fact]
    public void DecodesTheRedirectAndDerivesReferenceSlugs()
    {
        Assert.Equal(
            [
                ("arxiv-2305-18290", "https://arxiv.org/abs/2305.18290v3", "2305.18290", "en"),
                ("zhihu-p-123", "https://zhuanlan.zhihu.com/p/123", null, "zh"),
            ],
            Document.References.Select(r => (r.Slug, r.Url, r.ArxivId, r.Language)));
    }

    [Fact]
    public void RecordsHeadingPathsAndLines()
    {
        var sft = Document.Techniques[0];
        Assert.Equal("Tiny Post-training Notes", sft.Source.Document);
        Assert.Equal(["预训练和后训练", "后训练", "技术结构"], sft.Source.HeadingPath);
        Assert.Equal(49, sft.Source.Line);
        Assert.Equal("预训练和后训练 > 后训练 > 技术结构", sft.Source.Section);
    }
}
