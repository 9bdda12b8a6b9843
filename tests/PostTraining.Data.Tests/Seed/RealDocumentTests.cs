using PostTraining.Data.Seed;
using PostTraining.Data.Tests.Infrastructure;

namespace PostTraining.Data.Tests.Seed;

/// <summary>The parser against the real source document: every list it extracts, exactly.</summary>
public sealed class RealDocumentTests
{
    private static readonly Lazy<SeedDocument> Parsed = new(() => DocumentParser.Parse(SourceDocument.Read(), SourceDocument.FileName));

    private static SeedDocument Document => Parsed.Value;

    [SourceDocumentFact]
    public void FrontMatterGivesTitleAuthorDateAndSlug()
    {
        Assert.Equal(new FrontMatter("LLM Post-training", "wangzf", "2025-07-28", "llm-post-training"), Document.FrontMatter);
    }

    [SourceDocumentFact]
    public void FiveParadigmsInTheDocumentsOrderWithNamesAndGoals()
    {
        Assert.Equal(
            [
                ("fine-tuning", "微调", "Fine-tuning", "提高特定任务准确性", 1),
                ("alignment", "对齐", "Alignment", "确保伦理一致性和与人类偏好的对齐", 2),
                ("reasoning", "推理", "Reasoning", "尽管在奖励设计方面存在挑战，但仍推进多步推理", 3),
                ("efficiency", "效率", "Efficiency", "在复杂性不断增加的情况下优化资源利用", 4),
                ("integration-and-adaptation", "集成与适应", "Integration and Adaptation", "扩展跨多种模态的能力，同时解决一致性问题", 5),
            ],
            Document.Paradigms.Select(p => (p.Slug, p.NameZh, p.NameEn, p.GoalZh, p.Position)));
        Assert.All(Document.Paradigms, p => Assert.Equal(["LLM Post-training 范式"], p.Source.HeadingPath));
    }

    [SourceDocumentFact]
    public void FourteenTechniquesUnderTheirParadigmsWithAbbreviations()
    {
        Assert.Equal(
            [
                ("sft", "fine-tuning", "监督微调", "Supervised Fine-Tuning", "SFT"),
                ("adaptive-fine-tuning", "fine-tuning", "自适应微调", "Adaptive Fine-Tuning", null),
                ("rft", "fine-tuning", "强化微调", "Reinforcement Fine-Tuning", "RFT"),
                ("rlhf", "alignment", "人类反馈强化学习", "Reinforcement Learning from Human Feedback", "RLHF"),
                ("rlaif", "alignment", "人工智能反馈强化学习", "Reinforcement Learning from AI Feedback", "RLAIF"),
                ("dpo", "alignment", "直接偏好优化", "Direct Preference Optimization", "DPO"),
                ("self-refinement-methods", "reasoning", "自精炼方法", "Self-Refinement Methods", null),
                ("reinforcement-learning-for-reasoning", "reasoning", "推理强化学习", "Reinforcement Learning for Reasoning", null),
                ("model-compression", "efficiency", "模型压缩", "Model Compression", null),
                ("peft", "efficiency", "参数高效微调", "Parameter-Efficient Fine-Tuning", "PEFT"),
                ("knowledge-distillation", "efficiency", "知识蒸馏", "Knowledge Distillation", null),
                ("multi-modal-integration", "integration-and-adaptation", "多模态方法", "Multi-modal integration", null),
                ("domain-adaptation", "integration-and-adaptation", "领域适应", "Domain Adaptation", null),
                ("model-merging", "integration-and-adaptation", "模型融合", "Model Merging", null),
            ],
            Document.Techniques.Select(t => (t.Slug, t.Paradigm, t.NameZh, t.NameEn, t.Abbreviation)));
        Assert.Equal([1, 2, 3, 1, 2, 3, 1, 2, 1, 2, 3, 1, 2, 3], Document.Techniques.Select(t => t.Position));
        Assert.All(Document.Techniques, t => Assert.Equal(["预训练和后训练", "后训练", "技术结构"], t.Source.HeadingPath));
    }

    [SourceDocumentFact]
    public void TheTwoFurtherBranchesAreADatasetAndAnApplication()
    {
        Assert.Equal(
            [
                ("post-training-datasets", BranchKind.Dataset, "后训练中使用的数据集", "Datasets used in post-training"),
                ("llm-applications", BranchKind.Application, "大型语言模型的应用", "Applications of large language models"),
            ],
            Document.Branches.Select(b => (b.Slug, b.Kind, b.NameZh, b.NameEn)));
    }

    [SourceDocumentFact]
    public void PreTrainingLimitationsWithoutTheEllipsis()
    {
        Assert.Equal(
            [
                ("limited-reasoning", "推理能力有限", "Limited reasoning"),
                ("ethical-uncertainty", "伦理不确定性", "Ethical uncertainty"),
                ("weak-domain-performance", "领域特定性能不佳", "Weak domain-specific performance"),
            ],
            Document.Limitations.Select(l => (l.Slug, l.NameZh, l.NameEn)));
    }

    [SourceDocumentFact]
    public void FourFormulaTopicsFromTheLevelTwoHeadings()
    {
        Assert.Equal(
            [
                ("policy-optimization", "策略优化原理"),
                ("rlhf-objective", "RLHF 原理"),
                ("dpo-objective", "DPO 原理"),
                ("grpo-objective", "GRPO 原理"),
            ],
            Document.FormulaTopics.Select(f => (f.Slug, f.NameZh)));
        Assert.Equal(["Post-training 公式基础", "GRPO 原理"], Document.FormulaTopics[^1].Source.HeadingPath);
    }

    [SourceDocumentFact]
    public void ModelsNamedInTheTextWithGpt3sParameterCount()
    {
        Assert.Equal(
            [
                ("gpt-3", "GPT-3", "175B"),
                ("gpt-4", "GPT-4", null),
                ("llama-3", "LLaMA-3", null),
                ("gemini-2-0", "Gemini-2.0", null),
                ("claude-3-5", "Claude-3.5", null),
                ("deepseek-r1", "DeepSeek-R1", null),
                ("llama", "LLaMA", null),
                ("gemma", "Gemma", null),
                ("nemotron", "Nemotron", null),
                // The pre-training paragraph's earlier models, after the introduction's.
                ("nnlm", "NNLM", null),
                ("word2vec", "Word2vec", null),
                ("bert", "BERT", null),
                ("xlnet", "XLNet", null),
                ("gpt-2", "GPT-2", null),
                ("bart", "BART", null),
            ],
            Document.Models.Select(m => (m.Slug, m.Name, m.Parameters)));
        Assert.All(Document.Models.Take(9), m => Assert.Equal(["预训练和后训练", "后训练", "技术简介"], m.Source.HeadingPath));
        Assert.All(Document.Models.Skip(9), m => Assert.Equal(["预训练和后训练", "预训练"], m.Source.HeadingPath));
    }

    [SourceDocumentFact]
    public void DatasetsNamedInTheText()
    {
        Assert.Equal([("prompt-source", "Prompt Source"), ("flan", "Flan")], Document.Datasets.Select(d => (d.Slug, d.Name)));
    }

    [SourceDocumentFact]
    public void ThreeReferencesWithTheRedirectDecodedAndTheArxivIdRecorded()
    {
        Assert.Equal(
            [
                ("arxiv-2503-06072", "A SURVEY ON POST-TRAINING OF LARGE LANGUAGE MODELS", "https://arxiv.org/pdf/2503.06072v1",
                    "https://link.zhihu.com/?target=https%3A//arxiv.org/pdf/2503.06072v1", "2503.06072", "en"),
                ("zhihu-p-49358536242", "六万字长文一次性说清 LLM 的后训练技术", "https://zhuanlan.zhihu.com/p/49358536242",
                    "https://zhuanlan.zhihu.com/p/49358536242", null, "zh"),
                ("zhihu-p-504279252", "NLP评估指标之ROUGE", "https://zhuanlan.zhihu.com/p/504279252",
                    "https://zhuanlan.zhihu.com/p/504279252", null, "zh"),
            ],
            Document.References.Select(r => (r.Slug, r.Title, r.Url, r.OriginalUrl, r.ArxivId, r.Language)));
    }

    [SourceDocumentFact]
    public void EveryRecordKnowsItsDocumentAndLine()
    {
        var sources = Document.Paradigms.Select(p => p.Source)
            .Concat(Document.Techniques.Select(t => t.Source))
            .Concat(Document.Models.Select(m => m.Source))
            .Concat(Document.References.Select(r => r.Source));
        var lines = File.ReadAllLines(SourceDocument.Path!);
        Assert.All(sources, s =>
        {
            Assert.Equal("LLM Post-training", s.Document);
            Assert.InRange(s.Line, 1, lines.Length);
        });

        // Lines point at the text they came from.
        Assert.Contains("微调（Fine-tuning）", lines[Document.Paradigms[0].Source.Line - 1], StringComparison.Ordinal);
        Assert.Contains("1750 亿个参数的 GPT-3", lines[Document.Models[0].Source.Line - 1], StringComparison.Ordinal);
        Assert.Contains("Nemotron", lines[Document.Models[8].Source.Line - 1], StringComparison.Ordinal);
        Assert.Contains("GPT-2 和 BART", lines[Document.Models[^1].Source.Line - 1], StringComparison.Ordinal);
    }

    [SourceDocumentFact]
    public void TheCommittedSeedFileIsWhatImportingTheDocumentWrites()
    {
        var expected = ContentJson.Serialize(SeedFile.From(Document));
        var committed = File.ReadAllText(RepositoryFiles.DataFile(DataFiles.SeedFileName)).ReplaceLineEndings("\n");
        Assert.True(expected == committed,
            "data/seed.json differs from what the importer extracts: regenerate it with `dotnet run --project src/PostTraining.Api -- import --document <path>`.");
    }
}
